# Misbruksgrenser: fartsgrenser, lagringskvote, bildestørrelse.
abuse-slow-down = Du har gjort dette mange ganger på kort tid, så vi tar en liten pause. Ingenting du skrev har gått tapt: gå tilbake, vent litt og send det på nytt.
abuse-try-again = { $minutes ->
    [one] Prøv igjen om omtrent ett minutt.
   *[other] Prøv igjen om omtrent { $minutes } minutter.
}
abuse-err-quota = { $field }: denne filen får ikke plass i lagringen din. Filene dine bruker { $used } MB av de { $allowed } MB du kan bruke; slett noen eldre opplastinger eller spør læreren din.
abuse-err-pixels = { $field }: bildet er for stort til å behandles. Bilder kan være høyst { $max } piksler brede og høye; lagre en mindre kopi og prøv igjen.
