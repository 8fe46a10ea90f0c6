# Abuse limits: rate limits, the storage quota, picture size.
abuse-slow-down = You have done this many times in a short while, so we are pausing it for a moment. Nothing you wrote was lost: go back, wait, and send it again.
abuse-try-again = { $minutes ->
    [one] Please try again in about a minute.
   *[other] Please try again in about { $minutes } minutes.
}
abuse-err-quota = { $field }: this file does not fit in your storage. Your files use { $used } MB of the { $allowed } MB you may use; delete some older uploads or ask your tutor.
abuse-err-pixels = { $field }: the picture is too large to process. Pictures can be at most { $max } pixels wide and high; save a smaller copy and try again.
