# trust2: starte meldinger fra hvor som helst, feil ved filfeltene, lengden på opptak
trust2-form-errors = Se meldingene nedenfor: ingenting er sendt ennå.
trust2-to = { $count ->
    [one] Til (1 person)
   *[other] Til (opptil { $count } personer)
}
trust2-to-dropped = { $count ->
    [one] Én person i lenken kan ikke få meldinger herfra, så vedkommende ble utelatt.
   *[other] { $count } personer i lenken kan ikke få meldinger herfra, så de ble utelatt.
}
trust2-to-nobody-yet = Ingen er valgt ennå. Skriv et navn nedenfor.
trust2-find = Legg til noen: skriv en del av navnet
trust2-find-button = Finn
trust2-find-hint = Velg blant forslagene, eller trykk Finn og kryss av for dem du vil skrive til.
trust2-find-none = Ingen du kan skrive til, heter «{ $term }».
trust2-find-more = Flere passer. Skriv mer av navnet for å snevre inn listen.
trust2-message-person = Send { $name } en melding
trust2-message-group = Send melding til gruppen min
trust2-file-kept-note = De andre feltene beholdt det du skrev. Velg filen på nytt.
trust2-duration-label = Lengde { $time }
trust2-files-again = Ingenting ble lastet opp. Velg filene på nytt.
