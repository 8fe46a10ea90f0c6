# trust2: starting messages from anywhere, errors next to file fields, recording lengths
trust2-form-errors = Please look at the messages below: nothing was sent yet.
trust2-to = { $count ->
    [one] To (1 person)
   *[other] To (up to { $count } people)
}
trust2-to-dropped = { $count ->
    [one] One person named in the link cannot be written to from here, so they were left out.
   *[other] { $count } people named in the link cannot be written to from here, so they were left out.
}
trust2-to-nobody-yet = Nobody chosen yet. Type a name below.
trust2-find = Add someone: type part of their name
trust2-find-button = Find
trust2-find-hint = Pick from the suggestions, or press Find and tick the people you want.
trust2-find-none = Nobody you can write to is called “{ $term }”.
trust2-find-more = More people match. Type more of the name to narrow the list.
trust2-message-person = Send { $name } a message
trust2-message-group = Message my group
trust2-file-kept-note = The other fields kept what you typed. Please choose the file again.
trust2-duration-label = Length { $time }
trust2-files-again = Nothing was uploaded. Please choose the files again.
