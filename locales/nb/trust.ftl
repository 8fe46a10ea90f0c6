# trust
trust-day = Dag
trust-month = Måned
trust-round-when = Når:
trust-round-join = Bli med i samtalen
trust-round-set-when = Velg dato, klokkeslett og videolenke
trust-round-date = Dato
trust-round-time = Klokkeslett (kurstid)
trust-round-link = Videolenke (valgfritt)
notice-trust-round-when = Oppgi både dato og klokkeslett, eller la begge stå tomme.
notice-trust-round-link = Videolenken må være en nettadresse som begynner med https://.
notice-trust-move-alone = Denne personen er alene i gruppen sin: flyttes de, blir gruppen tom. Flytt noen andre inn først.
trust-groups-err-title = Gi gruppesettet et navn, for eksempel «Grupper uke 1».
trust-last-reminded = sist påminnet { $when }
trust-day-month = { $day }. { $month }
trust-week-of = Uken som begynner { $date }
