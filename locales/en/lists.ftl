# lists: the members page, paged lists
members-search = Name or email
members-any = Any
members-state = State
members-state-invited = Invited
members-state-active = Active
members-state-inactive = Inactive
members-sort = Sort by
members-sort-name = Name
members-sort-active = Last active
members-apply = Show
members-export = Download as CSV
members-none-found = Nobody matches these filters.
members-last-active = Last active
members-never = Not yet
members-message = Message
members-invited-count = { $count ->
    [one] 1 invited, not joined yet
   *[other] { $count } invited, not joined yet
}
members-inactive-count = { $count ->
    [one] 1 inactive
   *[other] { $count } inactive
}
members-csv-name = Name
members-csv-email = Email
members-csv-role = Role
members-csv-state = State
members-csv-joined = Added
members-csv-last-active = Last active
messages-older = Older messages
messages-newer = Newer messages
