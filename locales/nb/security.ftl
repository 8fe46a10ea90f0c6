# security
security-email-join-existing-subject = Bli med i «{ $course }» på Homeroom
security-email-join-existing-body = Hei { $name },

    Noen, forhåpentlig du, prøvde å bli med i «{ $course }» på Homeroom med denne adressen, som allerede har en konto. For å bli med, logg inn med ditt eget passord, så kommer du til kurset:

    { $link }

    Hvis det ikke var deg, kan du se bort fra denne e-posten: ingenting er endret, og ingen kan bli med eller logge inn som deg uten passordet ditt.
