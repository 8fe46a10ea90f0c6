# home
home-menu-label = Kursmeny
home-menu-home = Kursets forside
home-menu-more = Mer
home-menu-getting-to-know = Bli kjent med hverandre
home-menu-class-life = Klasseliv
home-menu-resources = Ressurser
home-your-group = Gruppen din denne uka
home-you-facilitate = Du leder denne gruppen.
home-group-details = Alle gruppene og spørsmålet
home-to-do = Å gjøre
home-todo-survey = Svar på spørreundersøkelsen ved kursstart
home-tutor-message = Fra læreren din
home-replies = { $count ->
    [one] Et svar til deg
   *[other] { $count } svar til deg
}
home-attention = Hvem trenger oppmerksomhet
home-not-introduced = { $count ->
    [one] 1 student har ikke presentert seg ennå
   *[other] { $count } studenter har ikke presentert seg ennå
}
home-not-joined = { $count ->
    [one] 1 invitert person har ikke blitt med ennå
   *[other] { $count } inviterte personer har ikke blitt med ennå
}
home-invited = invitert
home-attention-none = Alle har blitt med og presentert seg.
home-count-invited = { $count ->
    [one] 1 invitert
   *[other] { $count } inviterte
}
home-newest = Nyeste medlemmer
home-meet-everyone = Møt hele klassen
