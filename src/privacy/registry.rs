//! The registry: one entry per table of the schema, personal or not (with the reason).
//! Add a new table's entry here; `export.rs` and `erase.rs` then say how its rows go.

pub enum Handling {
    /// Rows about a person: exported to them and erased with them.
    Personal,
    /// No personal data; the reason is written down so a reviewer can check it.
    NotPersonal(&'static str),
}

pub struct Entry {
    pub table: &'static str,
    pub handling: Handling,
}

pub const REGISTRY: &[Entry] = &[
    Entry { table: "users", handling: Handling::Personal },
    Entry { table: "sessions", handling: Handling::Personal },
    Entry { table: "password_tokens", handling: Handling::Personal },
    Entry { table: "sign_in_failures", handling: Handling::Personal },
    Entry { table: "site_secrets", handling: Handling::NotPersonal("the server's own keys, about nobody") },
    Entry {
        table: "rate_counters",
        handling: Handling::NotPersonal(
            "hit counts per action and digest of an account or address, deleted when their window passes",
        ),
    },
    Entry { table: "courses", handling: Handling::Personal },
    Entry { table: "memberships", handling: Handling::Personal },
    Entry { table: "emails", handling: Handling::Personal },
    Entry { table: "profiles", handling: Handling::Personal },
    Entry { table: "group_sets", handling: Handling::Personal },
    Entry { table: "group_rounds", handling: Handling::NotPersonal("round numbers and prompts written by tutors") },
    Entry { table: "course_groups", handling: Handling::Personal },
    Entry { table: "group_members", handling: Handling::Personal },
    Entry { table: "checkins", handling: Handling::NotPersonal("check-in titles and prompts written by tutors") },
    Entry { table: "checkin_entries", handling: Handling::Personal },
    Entry { table: "checkin_replies", handling: Handling::Personal },
    Entry { table: "group_posts", handling: Handling::Personal },
    Entry { table: "wiki_pages", handling: Handling::Personal },
    Entry { table: "wiki_revisions", handling: Handling::Personal },
    Entry { table: "budget_activities", handling: Handling::NotPersonal("activity names written by tutors") },
    Entry { table: "budget_entries", handling: Handling::Personal },
    Entry { table: "expectations", handling: Handling::Personal },
    Entry { table: "expectation_reads", handling: Handling::Personal },
    Entry { table: "board_columns", handling: Handling::NotPersonal("column titles written by tutors") },
    Entry { table: "board_notes", handling: Handling::Personal },
    Entry { table: "board_votes", handling: Handling::Personal },
    Entry { table: "notifications", handling: Handling::Personal },
    // Which threads and spaces a person follows or muted.
    Entry { table: "notification_subscriptions", handling: Handling::Personal },
    Entry { table: "forum_spaces", handling: Handling::NotPersonal("space titles and descriptions written by tutors") },
    Entry { table: "forum_threads", handling: Handling::Personal },
    Entry { table: "forum_posts", handling: Handling::Personal },
    Entry { table: "forum_post_revisions", handling: Handling::Personal },
    Entry { table: "forum_reactions", handling: Handling::Personal },
    Entry { table: "forum_mentions", handling: Handling::Personal },
    Entry { table: "forum_reads", handling: Handling::Personal },
    Entry { table: "forum_course_reads", handling: Handling::Personal },
    Entry { table: "forum_reports", handling: Handling::Personal },
    Entry { table: "forum_prompts", handling: Handling::NotPersonal("question starters written by tutors") },
    Entry { table: "site_settings", handling: Handling::NotPersonal("site-wide flags such as demo_seeded") },
    Entry { table: "seaql_migrations", handling: Handling::NotPersonal("which schema migrations have run") },
    Entry { table: "surveys", handling: Handling::NotPersonal("survey titles and dates set by tutors") },
    Entry { table: "survey_questions", handling: Handling::NotPersonal("questions written by tutors") },
    Entry { table: "survey_responses", handling: Handling::Personal },
    Entry { table: "survey_answers", handling: Handling::Personal },
    // Getting to know each other: media, full profiles, introductions.
    Entry { table: "media", handling: Handling::Personal },
    Entry {
        table: "media_trash",
        handling: Handling::NotPersonal("random storage keys of deleted files, kept until the files are removed"),
    },
    Entry { table: "profile_details", handling: Handling::Personal },
    Entry { table: "introductions", handling: Handling::Personal },
    Entry { table: "introduction_replies", handling: Handling::Personal },
    Entry { table: "introduction_nudges", handling: Handling::Personal },
    // Homebase: messages, recognition, celebrations, routine. Erasure runs bottom-up:
    // messages are anonymised before memberships go, and conversations left with nobody
    // in them go last.
    Entry {
        table: "social_settings",
        handling: Handling::NotPersonal("a course's message switch and calendar feed token"),
    },
    Entry {
        table: "routine_entries",
        handling: Handling::NotPersonal("the weekly routine written by the teaching team"),
    },
    Entry { table: "conversations", handling: Handling::Personal },
    Entry { table: "conversation_members", handling: Handling::Personal },
    Entry { table: "messages", handling: Handling::Personal },
    Entry { table: "blocks", handling: Handling::Personal },
    Entry { table: "shout_outs", handling: Handling::Personal },
    Entry { table: "nominations", handling: Handling::Personal },
    Entry { table: "birthday_optins", handling: Handling::Personal },
    Entry { table: "milestones", handling: Handling::Personal },
    Entry { table: "milestone_cheers", handling: Handling::Personal },
    Entry {
        table: "jobs",
        handling: Handling::NotPersonal(
            "payloads hold row ids only, never names, addresses or text (rule in jobs/mod.rs); the rows they point at are erased with the person",
        ),
    },
    Entry { table: "email_preferences", handling: Handling::Personal },
    // Collage: pictures with their captions. Erased before `media`, whose arm removes
    // the pictures' rows (and `erase_user_and_media` their files).
    Entry { table: "collage_items", handling: Handling::Personal },
    // Attachments and the course files area. A person's uploads go with them (their
    // media files are removed by `erase_user_and_media`); folders they made stay.
    Entry { table: "file_settings", handling: Handling::NotPersonal("whether students may upload to the files area") },
    Entry { table: "file_folders", handling: Handling::Personal },
    Entry { table: "course_files", handling: Handling::Personal },
    Entry { table: "forum_attachments", handling: Handling::Personal },
    // Scheduled posts: personal, because each names its author and goes out in their
    // name; until it goes out it is the author's draft, so erasure deletes it (what went
    // out is a forum thread and follows the forum's rules). Runs hold only ids and
    // instants and go with their schedule.
    Entry { table: "scheduled_posts", handling: Handling::Personal },
    Entry {
        table: "scheduled_post_runs",
        handling: Handling::NotPersonal("which occurrence of a schedule became which thread: ids and instants"),
    },
    // Accounts: address confirmations and two-factor sign-in. Secrets (TOTP seeds,
    // recovery code and token hashes) are never exported: the export says what is on.
    Entry { table: "email_confirmations", handling: Handling::Personal },
    Entry { table: "two_factors", handling: Handling::Personal },
    Entry { table: "recovery_codes", handling: Handling::Personal },
    Entry { table: "two_factor_challenges", handling: Handling::Personal },
    // Site administration: the log names the admin who visited a course (theirs to see,
    // erased with them); an erasure request is the person's own, and goes with them.
    Entry { table: "admin_access_log", handling: Handling::Personal },
    Entry { table: "erasure_requests", handling: Handling::Personal },
    // Tutor presence: the contact ledger is exported to the student without the staff's
    // private notes (and with them to the staff member who wrote them); radar rows are
    // derived from the other tables, so they are erased but not exported.
    Entry { table: "contacts", handling: Handling::Personal },
    Entry { table: "radar_rows", handling: Handling::Personal },
    Entry {
        table: "radar_refreshes",
        handling: Handling::NotPersonal("when a course's radar was last computed, and for how many students"),
    },
    Entry {
        table: "radar_watermarks",
        handling: Handling::NotPersonal("how far the radar job has read each source: a row id"),
    },
    // The radar's running totals (decision 0036): whom a person interacted with, their
    // counts and weekly activity. Exported to the person, erased with them.
    Entry { table: "radar_pairs", handling: Handling::Personal },
    Entry { table: "radar_people", handling: Handling::Personal },
    Entry { table: "radar_weeks", handling: Handling::Personal },
    // LTI: the tool's keys and the platforms are about no one; which LMS person is which
    // account, their launches, and the LMS courses they may link are theirs.
    Entry { table: "lti_keys", handling: Handling::NotPersonal("the tool's own signing keys, about nobody") },
    Entry {
        table: "lti_platforms",
        handling: Handling::NotPersonal("the LMSs an admin registered: addresses, client and deployment ids"),
    },
    Entry { table: "lti_contexts", handling: Handling::Personal },
    Entry { table: "lti_accounts", handling: Handling::Personal },
    Entry { table: "lti_logins", handling: Handling::Personal },
    Entry {
        table: "lti_group_sets",
        handling: Handling::NotPersonal("which group set an LMS group set became; the members are in group_members"),
    },
    // Single sign-on: which provider person is which account is theirs; a sign-in in
    // progress names nobody until it ends (and is gone then).
    Entry { table: "sso_identities", handling: Handling::Personal },
    Entry {
        table: "sso_attempts",
        handling: Handling::NotPersonal("sign-ins in progress: random values, deleted when used or after ten minutes"),
    },
    // Check-ins: a staff member's availability is theirs; a booking belongs to both
    // people in it (the student gets it back without the staff member's private note);
    // the feed address is a secret, so the export says only that there is one.
    Entry { table: "booking_offers", handling: Handling::Personal },
    Entry { table: "bookings", handling: Handling::Personal },
    Entry { table: "booking_feeds", handling: Handling::Personal },
    // Meet-ups: who planned, hosted and wrote how it went, and everyone's answers.
    Entry { table: "meetups", handling: Handling::Personal },
    Entry { table: "meetup_rsvps", handling: Handling::Personal },
    // Photos with how a meet-up went: the uploader's (their media row and its file go
    // with them in the `media` arm).
    Entry { table: "meetup_photos", handling: Handling::Personal },
    Entry {
        table: "booking_turns",
        handling: Handling::NotPersonal(
            "a count per staff member id that bookings update to take turns; goes with the account",
        ),
    },
    // The outreach queue: who on the teaching team looks after whom is exported to both;
    // the cached class graph and response times name people but are derived, so they are
    // erased (and drawn again without the person) but not exported.
    Entry {
        table: "outreach_settings",
        handling: Handling::NotPersonal("a course's outreach rhythm and switches, about nobody"),
    },
    Entry { table: "outreach_assignments", handling: Handling::Personal },
    Entry { table: "like_you_optins", handling: Handling::Personal },
    Entry { table: "like_you_pairings", handling: Handling::Personal },
    Entry { table: "presence_caches", handling: Handling::Personal },
    Entry { table: "class_directory", handling: Handling::Personal },
    Entry {
        table: "course_kit_progress",
        handling: Handling::NotPersonal("how many students took part in each start-up activity: counts per course"),
    },
    Entry {
        table: "class_facets",
        handling: Handling::NotPersonal("filter choices per course, recomputed when a person's row changes or goes"),
    },
    // Live sessions: answers and attendance are the person's; a session they planned
    // stays with the course without their name (crate::live::privacy).
    Entry { table: "live_sessions", handling: Handling::Personal },
    Entry { table: "live_steps", handling: Handling::NotPersonal("agenda steps and questions written by tutors") },
    Entry { table: "live_answers", handling: Handling::Personal },
    Entry { table: "live_attendance", handling: Handling::Personal },
    // Breakouts: which room a person was in and their calls for the tutor are theirs; a
    // room they facilitated loses their name with them (crate::live::privacy).
    Entry { table: "live_rooms", handling: Handling::Personal },
    Entry { table: "live_room_members", handling: Handling::Personal },
    Entry { table: "live_calls", handling: Handling::Personal },
    // Personalised messages: templates and sends are their author's (exported to them,
    // erased with them, recipients' copies included); a recipient's copy holds what was
    // written for them, so it is exported to them and erased with them. What was sent is
    // also a direct message, which follows the messages' own rules.
    Entry { table: "personal_templates", handling: Handling::Personal },
    Entry { table: "personal_sends", handling: Handling::Personal },
    Entry { table: "personal_recipients", handling: Handling::Personal },
    // Feedback (erased from the end: replies, then the feedback, then assignments).
    Entry { table: "feedback_assignments", handling: Handling::Personal },
    Entry { table: "feedback", handling: Handling::Personal },
    Entry { table: "feedback_replies", handling: Handling::Personal },
    // The weekly message (erased from the end: replies, reactions, then the messages with
    // what was written under them; the recordings go with the author's media).
    Entry { table: "weekly_messages", handling: Handling::Personal },
    Entry { table: "weekly_reactions", handling: Handling::Personal },
    Entry { table: "weekly_replies", handling: Handling::Personal },
];

pub fn entry(table: &str) -> Option<&'static Entry> {
    REGISTRY.iter().find(|e| e.table == table)
}
