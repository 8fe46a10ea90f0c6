## Samtaler én-til-én

booking-title = Samtaler
booking-lead = Bestill en samtale én-til-én med lærerteamet. Tidene vises i din tidssone ({ $zone }).
booking-availability-title = Når jeg kan møtes
booking-availability-lead = Tidene er etter din egen klokke ({ $zone }). Studentene ser dem i sin.
booking-my-availability = Dine tider
booking-has-offer = Samtaletidene dine er lagret.
booking-no-offer = Du har ikke publisert noen samtaletider ennå.
booking-edit-availability = Sett samtaletidene mine
booking-upcoming = Kommende
booking-none-upcoming = Ingen har bestilt en samtale med deg ennå.
booking-past = Etter møtet
booking-note-hint = Notatet og oppfølgingen er bare for lærerteamet. Når du lagrer, kommer møtet inn i kontaktloggen.
booking-note = Privat notat
booking-follow-up = Følg opp den
booking-save-note = Lagre notat
booking-mine = Dine samtaler
booking-none-mine = Du har ingen samtaler bestilt.
booking-with = Med { $name }
booking-cancel = Avlys
booking-move-to = Flytt til
booking-move = Flytt
booking-too-late = Det er for nær møtet til å endre det her. Send en melding hvis noe har kommet i veien.
booking-book-heading = Bestill en samtale
booking-none-offered = Ingen i lærerteamet tilbyr samtaler akkurat nå.
booking-group = åpen kontortid i gruppe
booking-online = På nett (lenken kommer med bekreftelsen)
booking-no-slots = Ingen ledige tider akkurat nå. Se igjen senere.
booking-pick = Velg en tid
booking-places-left = { $count ->
    [one] én plass igjen
   *[other] { $count } plasser igjen
}
booking-topic = Hva vil du snakke om? (valgfritt)
booking-book = Bestill
booking-feed = Kalenderen din
booking-feed-hint = Legg denne private adressen inn i kalenderprogrammet ditt for å se samtalene og treffene du skal på der. Alle som har adressen, kan lese den: lag en ny hvis den har kommet på avveie.
booking-feed-name = Mine møter i Homeroom
booking-save = Lagre

booking-field-weekly = Hver uke
booking-field-weekly-hint = For eksempel 13:00-16:00, eller 09:00-10:00, 14:00-15:00. La en dag stå tom når du ikke er ledig.
booking-field-exceptions = Unntak
booking-field-exceptions-hint = Én dato per linje: «2026-12-24 stengt», eller «2026-12-23 10:00-12:00» for andre tider den dagen.
booking-field-length = Møtelengde (minutter)
booking-field-buffer-before = Fri tid før hvert møte (minutter)
booking-field-buffer-after = Fri tid etter hvert møte (minutter)
booking-field-notice = Minste varsel (timer)
booking-field-horizon = Hvor langt fram studentene kan bestille (dager)
booking-field-per-day = Høyst så mange møter per dag (tomt for ingen grense)
booking-field-per-week = Høyst så mange møter per uke (tomt for ingen grense)
booking-field-capacity = Studenter per møte (mer enn én gir kontortid i gruppe)
booking-field-cutoff = Studentene kan avlyse eller flytte inntil så mange timer før
booking-field-place = Møtelenke eller sted
booking-field-open = Åpent for bestilling

booking-err-summary = Noen svar må ses på igjen. Problemene står ved hvert felt.
booking-err-hours = Skriv tider som 13:00-16:00, der hver slutter etter at den begynner, skilt med komma.
booking-err-exceptions = Skriv én dato per linje, som «2026-12-24 stengt» eller «2026-12-23 10:00-12:00».
booking-err-length = Oppgi møtelengden i minutter, fra 5 til 240.
booking-err-buffer = Oppgi den frie tiden i minutter, fra 0 til 120.
booking-err-notice = Oppgi minste varsel i timer, fra 0 til 720.
booking-err-horizon = Oppgi antall dager, fra 1 til 180.
booking-err-limit = Oppgi et helt tall, eller la feltet stå tomt for ingen grense.
booking-err-capacity = Oppgi antall studenter per møte, fra 1 til 50.
booking-err-cutoff-hours = Oppgi antall timer, fra 0 til 336.
booking-err-place = Lenken eller stedet kan være høyst 300 tegn på én linje.
booking-err-no-hours = Oppgi minst én dag med tider, eller fjern haken for «Åpent for bestilling».
booking-err-topic = Temaet kan være høyst 500 tegn.
booking-err-pick = Velg en av tidene.
booking-err-gone = Beklager, den tiden er ikke ledig lenger. Velg en annen.
booking-err-already = Du har allerede den samtalen.
booking-err-cutoff = Det er for nær møtet til å endre det her.
booking-err-not-yet = Du kan skrive notatet når møtet har begynt.
booking-err-note = Notatet kan være høyst 2000 tegn, og oppfølgingen må være en dato.

notice-booking-saved = Samtaletidene dine er lagret.
notice-booking-booked = Bestilt. En bekreftelse med kalenderinvitasjon er på vei.
notice-booking-cancelled = Samtalen er avlyst.
notice-booking-moved = Samtalen er flyttet.
notice-booking-noted = Notatet er lagret.

booking-mail-booked = Samtale med { $name }: { $when }
booking-mail-moved = Samtale med { $name } flyttet til { $when }
booking-mail-cancelled = Avlyst: samtale med { $name } { $when }
booking-mail-remind-day = I morgen: samtale med { $name } { $when }
booking-mail-remind-hour = Om en time: samtale med { $name } { $when }
booking-mail-course = Emne
booking-mail-when = Når
booking-mail-place = Hvor
booking-mail-topic = Tema
booking-ical-with-staff = Samtale med { $name }
booking-ical-with-student = Samtale: { $name }
