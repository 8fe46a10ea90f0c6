# trust
trust-day = Day
trust-month = Month
trust-round-when = When:
trust-round-join = Join the call
trust-round-set-when = Set the date, time and video link
trust-round-date = Date
trust-round-time = Time (course time)
trust-round-link = Video link (optional)
notice-trust-round-when = Give both a date and a time, or leave both empty.
notice-trust-round-link = The video link must be a web address starting with https://.
notice-trust-move-alone = That person is the only one in their group: moving them would leave an empty group. Move someone else in first.
trust-groups-err-title = Please give the group set a name, such as "Week 1 breakouts".
trust-last-reminded = last reminded { $when }
trust-day-month = { $day } { $month }
trust-week-of = Week of { $date }
