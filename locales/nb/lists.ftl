# lists: medlemssiden, lister med sider
members-search = Navn eller e-post
members-any = Alle
members-state = Status
members-state-invited = Invitert
members-state-active = Aktiv
members-state-inactive = Inaktiv
members-sort = Sorter etter
members-sort-name = Navn
members-sort-active = Sist aktiv
members-apply = Vis
members-export = Last ned som CSV
members-none-found = Ingen passer til disse filtrene.
members-last-active = Sist aktiv
members-never = Ikke ennå
members-message = Send melding
members-invited-count = { $count ->
    [one] 1 invitert, ikke med ennå
   *[other] { $count } inviterte, ikke med ennå
}
members-inactive-count = { $count ->
    [one] 1 inaktiv
   *[other] { $count } inaktive
}
members-csv-name = Navn
members-csv-email = E-post
members-csv-role = Rolle
members-csv-state = Status
members-csv-joined = Lagt til
members-csv-last-active = Sist aktiv
messages-older = Eldre meldinger
messages-newer = Nyere meldinger
