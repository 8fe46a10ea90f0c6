# Varsler som hjelper: nye slag, grupperte varsler, følg og demp.

notification-groups = Gruppen din er klar: { $subject }
notification-checkin = En innsjekk er åpen for gruppen din: { $subject }
notification-feedback = { $actor } ga deg tilbakemelding: { $subject }
notification-thread = { $actor } startet en tråd: { $subject }

notification-reply-grouped = { $count ->
    [one] { $actor } svarte i «{ $subject }»
   *[other] { $count } nye svar i «{ $subject }», det siste fra { $actor }
}
notification-mention-grouped = { $count ->
    [one] { $actor } nevnte deg i «{ $subject }»
   *[other] Du ble nevnt { $count } ganger i «{ $subject }», sist av { $actor }
}
notification-message-grouped = { $count ->
    [one] { $actor } sendte deg en melding: { $subject }
   *[other] { $count } nye meldinger, den siste fra { $actor }: { $subject }
}
notification-welcome-grouped = { $count ->
    [one] { $actor } ønsket deg velkommen: { $subject }
   *[other] { $count } medstudenter ønsket deg velkommen, sist { $actor }: { $subject }
}

notify-groups-number = gruppe { $number }
notify-groups-facilitator = ordstyrer { $name }
notify-groups-you-facilitate = du er ordstyrer
notify-groups-first = første møte { $when }

notify-thread-default = Du får varsel om svar på dine egne innlegg her.
notify-thread-follow = Du følger denne tråden: du får varsel om hvert svar.
notify-thread-mute = Du har dempet denne tråden: du får bare varsel når noen nevner deg ved navn.
notify-space-default = Du får varsel om svar på dine egne innlegg her.
notify-space-follow = Du følger dette rommet: du får varsel om nye tråder og hvert svar.
notify-space-mute = Du har dempet dette rommet: du får bare varsel når noen nevner deg ved navn.
notify-follow-thread = Følg tråden
notify-mute-thread = Demp tråden
notify-follow-space = Følg rommet
notify-mute-space = Demp rommet
notify-stop-following = Slutt å følge
notify-unmute = Slå på varsler igjen
notify-hearing-label = Varsler
notify-err-choice = Velg å følge, dempe eller ingen av delene.
notice-notify-following = Du følger det nå: hvert svar når deg.
notice-notify-muted = Dempet: du får bare varsel når noen nevner deg ved navn.
notice-notify-default = Som vanlig igjen: du får varsel om svar på dine egne innlegg.

notify-settings-title = Tråder og rom du følger eller har dempet
notify-settings-lead = Å følge gir deg hvert svar; å dempe holder alt stille unntatt når noen nevner navnet ditt. Endre valget her eller på selve tråden eller rommet.
notify-settings-link = Tråder og rom du følger eller har dempet
notify-settings-empty = Du følger og demper ingenting ennå. Bruk knappene på en tråd eller et rom for å velge.
notify-settings-following = Følger
notify-settings-muted = Dempet
notify-settings-thread = tråd
notify-settings-space = rom
notify-settings-remove = Fjern
notify-gone = (finnes ikke lenger)
