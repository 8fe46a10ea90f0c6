# like_you
like-you-title = Medstudenter som ligner { $name }
like-you-lead = Medstudenter som har noe til felles med denne studenten, er våkne på de samme tidene og ikke har vært i gruppe med hen ennå. Bygget bare på det hver student har delt med undervisningsteamet eller klassen.
like-you-none = Ingen medstudenter deler det { $name } har delt ennå, eller alle som ligner har allerede møtt hen.
like-you-both = begge { $what }
like-you-answer = begge svarte «{ $value }» på { $key }
like-you-hours-apart = { $hours ->
    [0] samme tid på døgnet
   *[other] { $hours } t fra hverandre
}
like-you-never-grouped = aldri i gruppe sammen
like-you-intro-label = Introduksjon til begge (du kan endre den)
like-you-intro-text = Hei { $a } og { $b }! Jeg tror dere to vil passe godt sammen: { $shared }. Vil dere hilse på hverandre her?
like-you-introduce = Send introduksjonen til begge
like-you-pair = Sett dem sammen som partnere
like-you-err-gone = Den medstudenten er ikke lenger et forslag for denne studenten. Her er listen slik den er nå.
like-you-notice-introduced = Introduksjonen er sendt til begge, og teller som en kontakt med hver av dem.
like-you-notice-paired = De er satt sammen som partnere.
like-you-mine-title = Medstudenter du ikke har møtt ennå
like-you-mine-lead = Medstudenter som deler situasjonen eller interessene dine og ikke har vært i gruppe med deg ennå.
like-you-mine-how = Når du slår dette på, ser vi på det du har delt og på det medstudentene dine viser hele klassen (aldri det de holder for undervisningsteamet eller seg selv), og viser noen du ikke har møtt. Ingen får beskjed. Du kan slå det av når som helst.
like-you-mine-none = Ingen å foreslå ennå: når medstudenter deler mer med klassen, dukker forslag opp her.
like-you-turn-on = Vis meg medstudenter jeg ikke har møtt ennå som deler situasjonen min
like-you-turn-off = Slutt å vise meg forslag
like-you-notice-on = Forslag er slått på.
like-you-notice-off = Forslag er slått av.
like-you-write = Skriv til { $name }
