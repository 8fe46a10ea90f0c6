//! The authorization matrix: every route, asked by every kind of person. A route that
//! forgets to ask the policy, or asks the wrong question, fails here. The last test
//! checks that every route in the source appears in the table.

use std::collections::BTreeSet;

use crate::both;
use crate::support::{Backend, Browser, TestApp};
use homeroom::policy::Role;
use reqwest::multipart::Form;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Who {
    Anonymous,
    /// A student of another course.
    Outsider,
    Student,
    Observer,
    Ta,
    Tutor,
    Admin,
}

const EVERYONE: &[Who] = &[Who::Anonymous, Who::Outsider, Who::Student, Who::Observer, Who::Ta, Who::Tutor, Who::Admin];
const SIGNED_IN: &[Who] = &[Who::Outsider, Who::Student, Who::Observer, Who::Ta, Who::Tutor, Who::Admin];
// The site admin is not a member of the matrix's course: in it they may only do what the
// policy grants admins (look after the course, not read the class), hence the `_ADMIN`
// lists for those routes.
const MEMBERS: &[Who] = &[Who::Student, Who::Observer, Who::Ta, Who::Tutor];
const TEACHING: &[Who] = &[Who::Ta, Who::Tutor];
const TUTORS: &[Who] = &[Who::Tutor];
const TEACHING_ADMIN: &[Who] = &[Who::Ta, Who::Tutor, Who::Admin];
const TUTORS_ADMIN: &[Who] = &[Who::Tutor, Who::Admin];
const ADMIN: &[Who] = &[Who::Admin];

pub(crate) enum Body {
    None,
    Form(Vec<(&'static str, &'static str)>),
    Multipart,
}

pub(crate) struct Case {
    pub(crate) method: &'static str,
    /// Ask about a group set that does not exist (for routes that would delete it).
    pub(crate) missing_set: bool,
    /// The route as written in the router, e.g. `/courses/{course_id}`.
    pub(crate) route: &'static str,
    pub(crate) body: Body,
    pub(crate) allowed: &'static [Who],
}

/// Every route with who may use it: shared with the attack pass (tests/it/attack.rs) and
/// the query-budget test (GET routes), so a new route is covered by both.
pub(crate) fn cases() -> Vec<Case> {
    use Body::*;
    let c = |method, route, body, allowed| Case { method, missing_set: false, route, body, allowed };
    let gone = |method, route, body, allowed| Case { method, missing_set: true, route, body, allowed };
    const IN_GROUP: &[Who] = &[Who::Student, Who::Ta, Who::Tutor];
    const WRITERS: &[Who] = &[Who::Student];
    const EDITORS: &[Who] = &[Who::Student, Who::Ta, Who::Tutor];
    const FEEDBACK: &[Who] = &[Who::Student, Who::Ta, Who::Tutor];
    // Bodies are chosen so that an allowed request fails validation (or does no harm):
    // a refusal and a validation error are then easy to tell apart.
    vec![
        c("GET", "/", None, EVERYONE),
        c("GET", "/healthz", None, EVERYONE),
        c("GET", "/metrics", None, EVERYONE),
        c("GET", "/static/{file}", None, EVERYONE),
        c("GET", "/sign-in", None, EVERYONE),
        c("POST", "/sign-in", Form(vec![("email", ""), ("password", "")]), EVERYONE),
        c("GET", "/forgot-password", None, EVERYONE),
        c("POST", "/forgot-password", Form(vec![("email", "bad")]), EVERYONE),
        c("GET", "/set-password/{token}", None, EVERYONE),
        c("POST", "/set-password/{token}", Form(vec![("password", ""), ("confirm", "")]), EVERYONE),
        c("GET", "/account", None, SIGNED_IN),
        c("POST", "/account", Form(vec![("name", ""), ("email", ""), ("locale", "en"), ("time_zone", "")]), SIGNED_IN),
        c("POST", "/account/password", Form(vec![("current", "wrong"), ("password", ""), ("confirm", "")]), SIGNED_IN),
        c("GET", "/courses/new", None, &[Who::Tutor, Who::Admin]),
        c("POST", "/courses/new", Form(vec![("title", "")]), &[Who::Tutor, Who::Admin]),
        c("GET", "/courses/{course_id}", None, MEMBERS),
        c("GET", "/api/courses/{course_id}/members", None, MEMBERS),
        c("GET", "/courses/{course_id}/settings", None, TUTORS_ADMIN),
        c("POST", "/courses/{course_id}/settings", Form(vec![("title", "")]), TUTORS_ADMIN),
        c("GET", "/courses/{course_id}/members", None, TEACHING_ADMIN),
        c("GET", "/courses/{course_id}/members.csv", None, TEACHING_ADMIN),
        c("POST", "/courses/{course_id}/members/{user_id}/role", Form(vec![("role", "wizard")]), TUTORS_ADMIN),
        c("POST", "/courses/{course_id}/members/{user_id}/remove", None, TUTORS_ADMIN),
        c("GET", "/courses/{course_id}/invite", None, TUTORS_ADMIN),
        c(
            "POST",
            "/courses/{course_id}/invite",
            Form(vec![("name", ""), ("email", ""), ("role", "student")]),
            TUTORS_ADMIN,
        ),
        c("POST", "/courses/{course_id}/join-link", Form(vec![("action", "bogus")]), TUTORS_ADMIN),
        c("POST", "/courses/{course_id}/roster", Multipart, TUTORS_ADMIN),
        c("GET", "/join/{code}", None, EVERYONE),
        c("POST", "/join/{code}", Form(vec![("name", "")]), EVERYONE),
        c("GET", "/admin/outbox", None, ADMIN),
        c("POST", "/account/about", Form(vec![("birthday", "99-99")]), SIGNED_IN),
        c("GET", "/courses/{course_id}/groups", None, MEMBERS),
        c("GET", "/courses/{course_id}/groups/new", None, TEACHING),
        c("POST", "/courses/{course_id}/groups/new", Form(vec![("title", "")]), TEACHING),
        c("GET", "/courses/{course_id}/groups/{set_id}", None, MEMBERS),
        c(
            "POST",
            "/courses/{course_id}/groups/{set_id}/move",
            Form(vec![("round", "99"), ("user_id", "1"), ("to_group", "1")]),
            TEACHING,
        ),
        c("POST", "/courses/{course_id}/groups/{set_id}/replan", None, TEACHING),
        c("POST", "/courses/{course_id}/groups/{set_id}/rounds/{round}/when", Form(vec![("date", "")]), TEACHING),
        c("POST", "/courses/{course_id}/groups/{set_id}/publish", None, TEACHING),
        gone("POST", "/courses/{course_id}/groups/{set_id}/delete", None, TEACHING),
        c("GET", "/courses/{course_id}/groups/{set_id}/zoom/{round}", None, TEACHING),
        c("POST", "/courses/{course_id}/groups/{set_id}/checkins", Form(vec![("title", ""), ("prompt", "")]), TEACHING),
        c("GET", "/courses/{course_id}/checkins/{checkin_id}", None, IN_GROUP),
        c("POST", "/courses/{course_id}/checkins/{checkin_id}/entry", Form(vec![("body", "")]), WRITERS),
        c(
            "POST",
            "/courses/{course_id}/checkins/{checkin_id}/entries/{entry_id}/reply",
            Form(vec![("body", "")]),
            WRITERS,
        ),
        c("GET", "/courses/{course_id}/group-space/{group_id}", None, IN_GROUP),
        c("POST", "/courses/{course_id}/group-space/{group_id}", Form(vec![("body", "")]), IN_GROUP),
        c("GET", "/courses/{course_id}/wiki", None, MEMBERS),
        c("POST", "/courses/{course_id}/wiki", Form(vec![("title", "")]), EDITORS),
        c("GET", "/courses/{course_id}/wiki/{slug}", None, MEMBERS),
        c("GET", "/courses/{course_id}/wiki/{slug}/edit", None, EDITORS),
        c(
            "POST",
            "/courses/{course_id}/wiki/{slug}/edit",
            Form(vec![("title", ""), ("body", ""), ("base", "1")]),
            EDITORS,
        ),
        c("GET", "/courses/{course_id}/wiki/{slug}/history", None, MEMBERS),
        c("GET", "/courses/{course_id}/wiki/{slug}/diff?from=1&to=1", None, MEMBERS),
        c("POST", "/courses/{course_id}/wiki/{slug}/restore", Form(vec![("revision", "99")]), EDITORS),
        c("POST", "/courses/{course_id}/wiki/{slug}/lock", Form(vec![("locked", "0")]), TEACHING),
        c("GET", "/courses/{course_id}/time-budget", None, MEMBERS),
        c("POST", "/courses/{course_id}/time-budget", Form(vec![("hours_999999", "x")]), WRITERS),
        c("POST", "/courses/{course_id}/time-budget/activities", Form(vec![("activities", "")]), TEACHING),
        c("GET", "/courses/{course_id}/expectations", None, MEMBERS),
        // The tutor's expectations are part of the course's settings (`EditCourse`).
        c("POST", "/courses/{course_id}/expectations", Form(vec![("body", "")]), TUTORS_ADMIN),
        // Nothing written yet in the matrix's course: allowed people get a 404.
        c("POST", "/courses/{course_id}/expectations/read", None, WRITERS),
        c("GET", "/courses/{course_id}/board", None, MEMBERS),
        // A column that does not exist: allowed people get a 404.
        c("POST", "/courses/{course_id}/board/notes", Form(vec![("column_id", "999999"), ("body", "x")]), EDITORS),
        c("POST", "/courses/{course_id}/board/notes/{note_id}/move", Form(vec![("column_id", "999999")]), EDITORS),
        c("POST", "/courses/{course_id}/board/notes/{note_id}/vote", None, EDITORS),
        c("POST", "/courses/{course_id}/board/notes/{note_id}/delete", None, EDITORS),
        c("POST", "/courses/{course_id}/board/columns", Form(vec![("columns", "")]), TEACHING),
        // The start-of-course survey. The matrix's course has none: allowed people get a
        // 404 (or a validation error), refused people a 403.
        c("GET", "/courses/{course_id}/survey", None, MEMBERS),
        c("POST", "/courses/{course_id}/survey", None, WRITERS),
        c("POST", "/courses/{course_id}/survey/create", Form(vec![("from", "bogus")]), TEACHING),
        c("POST", "/courses/{course_id}/survey/settings", Form(vec![("title", "")]), TEACHING),
        c("POST", "/courses/{course_id}/survey/schedule", Form(vec![("opens", "bad")]), TEACHING),
        c("POST", "/courses/{course_id}/survey/questions", Form(vec![("kind", "bogus")]), TEACHING),
        c("POST", "/courses/{course_id}/survey/questions/{question_id}", Form(vec![("kind", "bogus")]), TEACHING),
        c(
            "POST",
            "/courses/{course_id}/survey/questions/{question_id}/move",
            Form(vec![("direction", "up")]),
            TEACHING,
        ),
        c("POST", "/courses/{course_id}/survey/questions/{question_id}/delete", None, TEACHING),
        c("GET", "/courses/{course_id}/survey/results", None, TEACHING),
        c("GET", "/courses/{course_id}/survey/results.csv", None, TEACHING),
        c("GET", "/courses/{course_id}/survey/results/{user_id}", None, TEACHING),
        c("GET", "/courses/{course_id}/survey/results/questions/{question_id}", None, TEACHING),
        // Spaces: ids that do not exist, so allowed people get a 404 (or a 400 for forms).
        c("GET", "/courses/{course_id}/spaces", None, MEMBERS),
        c("POST", "/courses/{course_id}/spaces", Form(vec![("title", ""), ("kind", "qa")]), TUTORS),
        c("GET", "/courses/{course_id}/spaces/search?q=x", None, MEMBERS),
        c("POST", "/courses/{course_id}/spaces/read-all", None, MEMBERS),
        c("POST", "/courses/{course_id}/spaces/starters", Form(vec![("starters", "")]), TUTORS),
        c("GET", "/courses/{course_id}/spaces/{space_id}", None, MEMBERS),
        c("POST", "/courses/{course_id}/spaces/{space_id}", Form(vec![("title", ""), ("body", "")]), EDITORS),
        c("POST", "/courses/{course_id}/spaces/{space_id}/edit", Form(vec![("title", "x")]), TUTORS),
        c("POST", "/courses/{course_id}/spaces/{space_id}/move", Form(vec![("direction", "up")]), TUTORS),
        c("POST", "/courses/{course_id}/spaces/{space_id}/archive", Form(vec![("archived", "1")]), TUTORS),
        c("POST", "/courses/{course_id}/spaces/{space_id}/threads", Form(vec![("title", ""), ("body", "")]), EDITORS),
        c("GET", "/courses/{course_id}/threads/{thread_id}", None, MEMBERS),
        c("POST", "/courses/{course_id}/threads/{thread_id}", Form(vec![("body", "")]), EDITORS),
        c("POST", "/courses/{course_id}/threads/{thread_id}/reply", Form(vec![("body", "")]), EDITORS),
        c("POST", "/courses/{course_id}/threads/{thread_id}/pin", None, TEACHING),
        c("POST", "/courses/{course_id}/threads/{thread_id}/lock", None, TEACHING),
        c("GET", "/courses/{course_id}/posts/{post_id}/edit", None, EDITORS),
        c("POST", "/courses/{course_id}/posts/{post_id}/edit", Form(vec![("body", "")]), EDITORS),
        c("GET", "/courses/{course_id}/posts/{post_id}/history", None, MEMBERS),
        c("POST", "/courses/{course_id}/posts/{post_id}/delete", None, EDITORS),
        c("POST", "/courses/{course_id}/posts/{post_id}/react", Form(vec![("emoji", "👍")]), EDITORS),
        c("POST", "/courses/{course_id}/posts/{post_id}/answer", None, EDITORS),
        c("POST", "/courses/{course_id}/posts/{post_id}/report", Form(vec![("reason", "x")]), MEMBERS),
        c("POST", "/courses/{course_id}/posts/{post_id}/hide", Form(vec![("reason", "x")]), TEACHING),
        c("POST", "/courses/{course_id}/posts/{post_id}/restore", None, TEACHING),
        c("GET", "/courses/{course_id}/reports", None, TEACHING),
        c("POST", "/courses/{course_id}/reports/{report_id}/dismiss", None, TEACHING),
        // Getting to know each other: media, profiles, introductions. A media file and an
        // introduction that do not exist: allowed people get a 404.
        c("GET", "/media/{media_id}", None, SIGNED_IN),
        c("GET", "/account/profile", None, SIGNED_IN),
        c("POST", "/account/profile", Multipart, SIGNED_IN),
        c("GET", "/courses/{course_id}/people/{user_id}", None, MEMBERS),
        c("GET", "/courses/{course_id}/introductions", None, MEMBERS),
        c("POST", "/courses/{course_id}/introductions", Multipart, EDITORS),
        c("POST", "/courses/{course_id}/introductions/{intro_id}/welcome", Form(vec![("body", "")]), EDITORS),
        c("POST", "/courses/{course_id}/introductions/nudge", Form(vec![("user_id", "999999")]), TEACHING),
        c("GET", "/courses/{course_id}/class", None, MEMBERS),
        // Homebase: messages, recognition, celebrations, routine.
        c("GET", "/courses/{course_id}/messages", None, EDITORS),
        c("POST", "/courses/{course_id}/messages", Form(vec![("body", "")]), EDITORS),
        c("POST", "/courses/{course_id}/messages/settings", Form(vec![("student_messages", "bogus")]), TUTORS),
        c("POST", "/courses/{course_id}/messages/block", Form(vec![("user_id", "x")]), EDITORS),
        c("POST", "/courses/{course_id}/messages/unblock", Form(vec![("user_id", "999999")]), EDITORS),
        c("GET", "/courses/{course_id}/messages/new", None, EDITORS),
        c("POST", "/courses/{course_id}/messages/new", Form(vec![("body", "")]), EDITORS),
        c("GET", "/courses/{course_id}/messages/people", None, EDITORS),
        c("GET", "/courses/{course_id}/messages/{conversation_id}", None, EDITORS),
        c("POST", "/courses/{course_id}/messages/{conversation_id}", Form(vec![("body", "")]), EDITORS),
        c("GET", "/courses/{course_id}/shout-outs", None, MEMBERS),
        c("POST", "/courses/{course_id}/shout-outs", Form(vec![("to", ""), ("body", "")]), EDITORS),
        c("GET", "/courses/{course_id}/wins", None, MEMBERS),
        c("POST", "/courses/{course_id}/wins", Form(vec![("nominee", ""), ("reason", "")]), EDITORS),
        c("POST", "/courses/{course_id}/wins/{nomination_id}/feature", Form(vec![("featured", "maybe")]), TEACHING),
        c("GET", "/courses/{course_id}/celebrations", None, MEMBERS),
        c("POST", "/courses/{course_id}/celebrations/birthday", Form(vec![("celebrate", "maybe")]), EDITORS),
        c("POST", "/courses/{course_id}/celebrations/milestones", Form(vec![("body", "")]), EDITORS),
        c("POST", "/courses/{course_id}/celebrations/milestones/{milestone_id}/cheer", None, EDITORS),
        c("GET", "/courses/{course_id}/routine", None, MEMBERS),
        c("POST", "/courses/{course_id}/routine", Form(vec![("title", "")]), TEACHING),
        c("POST", "/courses/{course_id}/routine/{routine_id}/delete", None, TEACHING),
        c("POST", "/courses/{course_id}/routine/feed", None, TEACHING),
        // The secret address is the permission: anyone may ask, a wrong one is a 404.
        c("GET", "/calendar/{feed}", None, EVERYONE),
        c("GET", "/notifications", None, SIGNED_IN),
        c("GET", "/notifications/{notification_id}", None, SIGNED_IN),
        c("POST", "/notifications/read-all", None, SIGNED_IN),
        c("GET", "/api/notifications/unread", None, SIGNED_IN),
        c("GET", "/notifications/settings", None, SIGNED_IN),
        c("POST", "/notifications/settings/{subscription_id}/remove", None, SIGNED_IN),
        c("POST", "/courses/{course_id}/threads/{thread_id}/hearing", Form(vec![("choice", "follow")]), MEMBERS),
        c("POST", "/courses/{course_id}/spaces/{space_id}/hearing", Form(vec![("choice", "bogus")]), MEMBERS),
        c("POST", "/account/email", Form(vec![("frequency", "sometimes")]), SIGNED_IN),
        // An unknown token: everyone gets a 404 (no sign-in is needed to unsubscribe).
        c("GET", "/unsubscribe/{token}", None, EVERYONE),
        c("POST", "/unsubscribe/{token}", None, EVERYONE),
        // Collage: a Multipart body with no picture fails validation; a missing item is a 404.
        c("GET", "/courses/{course_id}/collage", None, MEMBERS),
        c("POST", "/courses/{course_id}/collage", Multipart, EDITORS),
        c("GET", "/courses/{course_id}/collage/together", None, MEMBERS),
        c("POST", "/courses/{course_id}/collage/{item_id}/delete", None, EDITORS),
        // Attachments (on the forum routes above) and the course files area. Uploads are
        // the teaching team's until the tutor lets students upload; a missing file or
        // folder is a 404 for members and a refusal for everyone else.
        c("GET", "/courses/{course_id}/files", None, MEMBERS),
        c("POST", "/courses/{course_id}/files", Multipart, TEACHING),
        c("POST", "/courses/{course_id}/files/folders", Form(vec![("name", "")]), TEACHING),
        c("GET", "/courses/{course_id}/files/folders/{folder_id}", None, MEMBERS),
        c("POST", "/courses/{course_id}/files/folders/{folder_id}", Multipart, TEACHING),
        c("POST", "/courses/{course_id}/files/folders/{folder_id}/rename", Form(vec![("name", "")]), TEACHING),
        c("POST", "/courses/{course_id}/files/folders/{folder_id}/delete", None, TEACHING),
        c("POST", "/courses/{course_id}/files/upload", Multipart, TEACHING),
        c("POST", "/courses/{course_id}/files/settings", None, TEACHING),
        c("POST", "/courses/{course_id}/files/{file_id}/rename", Form(vec![("name", "")]), MEMBERS),
        c("POST", "/courses/{course_id}/files/{file_id}/move", Form(vec![("folder_id", "")]), MEMBERS),
        c("POST", "/courses/{course_id}/files/{file_id}/delete", None, MEMBERS),
        // Scheduled and recurring posts.
        c("GET", "/courses/{course_id}/scheduled", None, TEACHING),
        c("POST", "/courses/{course_id}/scheduled", Form(vec![("title", "")]), TEACHING),
        c("GET", "/courses/{course_id}/scheduled/{schedule_id}/edit", None, TEACHING),
        c("POST", "/courses/{course_id}/scheduled/{schedule_id}/edit", Form(vec![("title", "")]), TEACHING),
        c("POST", "/courses/{course_id}/scheduled/{schedule_id}/cancel", None, TEACHING),
        // Accounts: confirming addresses, invitations, sessions, two-factor sign-in. An
        // unknown token or id: everyone allowed gets a 410 or 404.
        c("POST", "/sign-in/two-factor", Form(vec![("challenge", ""), ("code", "")]), EVERYONE),
        c("GET", "/confirm/{token}", None, EVERYONE),
        c("POST", "/confirm/{token}", Form(vec![("password", "")]), EVERYONE),
        c("GET", "/invitations", None, SIGNED_IN),
        c("POST", "/invitations/{course_id}/accept", None, SIGNED_IN),
        c("POST", "/invitations/{course_id}/decline", None, SIGNED_IN),
        c("POST", "/account/sessions/{session_id}/end", None, SIGNED_IN),
        c("POST", "/account/sessions/end-others", None, SIGNED_IN),
        c("GET", "/account/two-factor", None, SIGNED_IN),
        c("POST", "/account/two-factor/enable", Form(vec![("current", "wrong"), ("code", "")]), SIGNED_IN),
        c("POST", "/account/two-factor/disable", Form(vec![("current", "wrong")]), SIGNED_IN),
        c("POST", "/account/two-factor/recovery-codes", Form(vec![("current", "wrong")]), SIGNED_IN),
        c("GET", "/admin/two-factor", None, ADMIN),
        c("POST", "/admin/two-factor", None, ADMIN),
        // Site administration (the admin's pages) and a course's run: archive and restore
        // come as a pair, so the course is open again for the cases that follow.
        c("GET", "/admin", None, ADMIN),
        c("GET", "/admin/access", None, ADMIN),
        c("GET", "/admin/settings", None, ADMIN),
        c("POST", "/admin/settings", Form(vec![("name", "")]), ADMIN),
        c("GET", "/admin/jobs", None, ADMIN),
        c("POST", "/admin/jobs/{job_id}/retry", None, ADMIN),
        c("GET", "/admin/courses", None, ADMIN),
        c("GET", "/admin/courses/{course_id}/delete", None, ADMIN),
        c("POST", "/admin/courses/{course_id}/delete", Form(vec![("confirm", "not the title")]), ADMIN),
        c("GET", "/admin/people", None, ADMIN),
        c("GET", "/admin/people/{user_id}", None, ADMIN),
        c("POST", "/admin/people/{user_id}/reset", None, ADMIN),
        c("POST", "/admin/people/{user_id}/deactivate", None, ADMIN),
        c("POST", "/admin/people/{user_id}/reactivate", None, ADMIN),
        c("GET", "/admin/people/{user_id}/export", None, ADMIN),
        c("POST", "/admin/people/{user_id}/erase", Form(vec![("confirm", "x")]), ADMIN),
        c("GET", "/courses/{course_id}/run", None, TUTORS_ADMIN),
        c("POST", "/courses/{course_id}/archive", None, TUTORS_ADMIN),
        c("POST", "/courses/{course_id}/restore", None, TUTORS_ADMIN),
        c("POST", "/courses/{course_id}/copy", Form(vec![("title", "")]), TUTORS_ADMIN),
        // One's own data; asking for erasure and cancelling come as a pair.
        c("GET", "/account/data", None, SIGNED_IN),
        c("GET", "/account/data/export", None, SIGNED_IN),
        c("POST", "/account/data/erasure", None, SIGNED_IN),
        c("POST", "/account/data/erasure/cancel", None, SIGNED_IN),
        // An unknown token: everyone gets a 404.
        c("GET", "/erasure/{token}", None, EVERYONE),
        c("POST", "/erasure/{token}", None, EVERYONE),
        // Tutor presence: the radar and the contact ledger.
        c("GET", "/courses/{course_id}/radar", None, TEACHING),
        c("GET", "/courses/{course_id}/radar/export.csv", None, TEACHING),
        c("GET", "/courses/{course_id}/radar/contacts", None, TEACHING),
        c("POST", "/courses/{course_id}/radar/contacts", Form(vec![("kind", "")]), TEACHING),
        c("GET", "/courses/{course_id}/my-contacts", None, MEMBERS),
        // LTI: the tool's keys and the platform's posts are for anyone (their proof is the
        // signed state and token, checked in tests/it/lti.rs); an unregistered platform's
        // sign-in is not found. Linking an LMS course needs the instructor the LMS named.
        c("GET", "/lti/jwks", None, EVERYONE),
        c("GET", "/lti/login?iss=https%3A%2F%2Fnowhere.example&login_hint=1", None, EVERYONE),
        c("POST", "/lti/login", Form(vec![("iss", "https://nowhere.example"), ("login_hint", "1")]), EVERYONE),
        c("POST", "/lti/launch", Form(vec![("id_token", ""), ("state", "")]), EVERYONE),
        c("POST", "/lti/continue", Form(vec![("code", "no-such-code")]), EVERYONE),
        c("GET", "/lti/contexts/{context_id}/link", None, SIGNED_IN),
        c("POST", "/lti/contexts/{context_id}/link", Form(vec![("course", "new")]), SIGNED_IN),
        c("GET", "/admin/lti", None, ADMIN),
        c("POST", "/admin/lti", Form(vec![("name", "")]), ADMIN),
        // Single sign-on: for anyone (signing in is what it is for); a provider the config
        // does not name is not found. The flow itself is tested in tests/it/sso.rs.
        c("GET", "/sso/{provider}/start", None, EVERYONE),
        c("GET", "/sso/{provider}/callback", None, EVERYONE),
        // Deep linking: the teaching team's picker (a request that does not exist: 404).
        c("GET", "/courses/{course_id}/lti/deep-links/{login_id}", None, TEACHING),
        c("POST", "/courses/{course_id}/lti/deep-links/{login_id}", Form(vec![("place", "home")]), TEACHING),
        // Dynamic registration: the LMS's frame shows anyone the page; a site admin confirms
        // (an empty configuration address is a form error).
        c("GET", "/lti/register", None, EVERYONE),
        c("POST", "/lti/register", Form(vec![("openid_configuration", "")]), ADMIN),
        // One-to-one check-ins: staff offer, students book; a booking that does not exist
        // is a 404 to those who may keep bookings.
        c("GET", "/courses/{course_id}/check-ins", None, MEMBERS),
        c("GET", "/courses/{course_id}/check-ins/availability", None, TEACHING),
        c("POST", "/courses/{course_id}/check-ins/availability", Form(vec![("length", "")]), TEACHING),
        c("POST", "/courses/{course_id}/check-ins/book", Form(vec![("staff_id", "")]), &[Who::Student]),
        c("POST", "/courses/{course_id}/check-ins/{booking_id}/cancel", None, &[Who::Student, Who::Ta, Who::Tutor]),
        c("POST", "/courses/{course_id}/check-ins/{booking_id}/move", Form(vec![("start", "")]), &[Who::Student]),
        c("POST", "/courses/{course_id}/check-ins/{booking_id}/note", Form(vec![("note", "")]), TEACHING),
        c("POST", "/courses/{course_id}/check-ins/feed", None, MEMBERS),
        // Meet-ups: staff plan them; everyone but observers answers; a meet-up that does
        // not exist is a 404 to those who may answer or write how it went.
        c("GET", "/courses/{course_id}/meetups", None, MEMBERS),
        c("POST", "/courses/{course_id}/meetups", Form(vec![("title", "")]), TEACHING),
        c("POST", "/courses/{course_id}/meetups/{meetup_id}/rsvp", Form(vec![("answer", "yes")]), EDITORS),
        c("POST", "/courses/{course_id}/meetups/{meetup_id}/note", Multipart, EDITORS),
        c("POST", "/courses/{course_id}/meetups/{meetup_id}/cancel", Form(vec![]), TEACHING),
        // An unknown feed: everyone gets a 404.
        c("GET", "/check-ins/feed/{feed}", None, EVERYONE),
        // The outreach queue: each member of staff's own; the tutor sets the rules.
        c("POST", "/courses/{course_id}/radar/act", Form(vec![("do", "")]), TEACHING),
        c("GET", "/courses/{course_id}/outreach", None, TEACHING),
        c("GET", "/courses/{course_id}/outreach/settings", None, TUTORS),
        c("POST", "/courses/{course_id}/outreach/settings", Form(vec![("rhythm_days", "")]), TUTORS),
        c("POST", "/courses/{course_id}/outreach/assign", Form(vec![("back", "queue")]), TEACHING),
        c("GET", "/courses/{course_id}/outreach/follow-ups", None, TEACHING),
        c("GET", "/courses/{course_id}/graph", None, TEACHING),
        c("GET", "/courses/{course_id}/response-times", None, TEACHING),
        // Classmates like you: the teaching team's (as private as the radar) and a
        // student's own, which no one else sees.
        c("GET", "/courses/{course_id}/like-you/{user_id}", None, TEACHING),
        c("POST", "/courses/{course_id}/like-you/{user_id}/introduce", Form(vec![("with", "")]), TEACHING),
        c("POST", "/courses/{course_id}/like-you/{user_id}/pair", Form(vec![("with", "")]), TEACHING),
        c("GET", "/courses/{course_id}/like-you", None, &[Who::Student]),
        c("POST", "/courses/{course_id}/like-you/opt-in", Form(vec![("on", "0")]), &[Who::Student]),
        // Live sessions (a session id that does not exist: members get a 404).
        c("GET", "/courses/{course_id}/live", None, MEMBERS),
        c("GET", "/courses/{course_id}/live/new", None, TEACHING),
        c("POST", "/courses/{course_id}/live/new", Form(vec![("title", "")]), TEACHING),
        c("GET", "/courses/{course_id}/live/{session_id}", None, MEMBERS),
        c("GET", "/courses/{course_id}/live/{session_id}/socket", None, MEMBERS),
        c("POST", "/courses/{course_id}/live/{session_id}/steps", Form(vec![("kind", "")]), TEACHING),
        c("POST", "/courses/{course_id}/live/{session_id}/start", None, TEACHING),
        c("POST", "/courses/{course_id}/live/{session_id}/end", None, TEACHING),
        c("POST", "/courses/{course_id}/live/{session_id}/open", Form(vec![("step", "0")]), TEACHING),
        c("POST", "/courses/{course_id}/live/{session_id}/reveal", Form(vec![("step", "0")]), TEACHING),
        c("POST", "/courses/{course_id}/live/{session_id}/hide", Form(vec![("step", "0")]), TEACHING),
        c("POST", "/courses/{course_id}/live/{session_id}/names", Form(vec![("step", "0")]), TEACHING),
        c("POST", "/courses/{course_id}/live/{session_id}/notes", Form(vec![("notes", "")]), TEACHING),
        c("POST", "/courses/{course_id}/live/{session_id}/answer", Form(vec![("step", "0")]), EDITORS),
        c("POST", "/courses/{course_id}/live/{session_id}/breakout/message", Form(vec![("step", "0")]), TEACHING),
        c("POST", "/courses/{course_id}/live/{session_id}/breakout/extend", Form(vec![("step", "0")]), TEACHING),
        c("POST", "/courses/{course_id}/live/{session_id}/breakout/videos", Form(vec![("step", "0")]), TEACHING),
        c("POST", "/courses/{course_id}/live/{session_id}/breakout/clear", Form(vec![("step", "0")]), TEACHING),
        c("POST", "/courses/{course_id}/live/{session_id}/breakout/call", Form(vec![("step", "0")]), EDITORS),
        c("GET", "/courses/{course_id}/live/{session_id}/breakout/{step_id}/zoom", None, TEACHING),
        // Personalised messages: the teaching team's (a send that does not exist: 404).
        c("GET", "/courses/{course_id}/personal", None, TEACHING),
        c("GET", "/courses/{course_id}/personal/new", None, TEACHING),
        c("POST", "/courses/{course_id}/personal/new", Form(vec![("subject", "")]), TEACHING),
        c("GET", "/courses/{course_id}/personal/{send_id}", None, TEACHING),
        c("POST", "/courses/{course_id}/personal/{send_id}", Form(vec![("subject", "")]), TEACHING),
        c("POST", "/courses/{course_id}/personal/{send_id}/send", Form(vec![("when", "")]), TEACHING),
        c("POST", "/courses/{course_id}/personal/{send_id}/cancel", None, TEACHING),
        c("GET", "/courses/{course_id}/personal/{send_id}/status.json", None, TEACHING),
        c("POST", "/courses/{course_id}/personal/{send_id}/template", Form(vec![("name", "")]), TEACHING),
        c("POST", "/courses/{course_id}/personal/templates/{template_id}/delete", None, TEACHING),
        // Feedback: between a student and the teaching team; observers have none.
        c("GET", "/courses/{course_id}/feedback", None, FEEDBACK),
        c("GET", "/courses/{course_id}/feedback/given", None, TEACHING),
        c("POST", "/courses/{course_id}/feedback/assignments", Form(vec![("title", "")]), TEACHING),
        c("GET", "/courses/{course_id}/feedback/assignments/{assignment_id}", None, TEACHING),
        c("POST", "/courses/{course_id}/feedback/assignments/{assignment_id}/release", None, TEACHING),
        c("GET", "/courses/{course_id}/feedback/new?student={user_id}&on=assignment:{assignment_id}", None, TEACHING),
        c("POST", "/courses/{course_id}/feedback/new", Multipart, TEACHING),
        c("GET", "/courses/{course_id}/feedback/{feedback_id}", None, FEEDBACK),
        c("POST", "/courses/{course_id}/feedback/{feedback_id}", Form(vec![("body", "")]), TEACHING),
        c("POST", "/courses/{course_id}/feedback/{feedback_id}/reply", Form(vec![("body", "")]), FEEDBACK),
        c("GET", "/courses/{course_id}/weekly", None, MEMBERS),
        c("GET", "/courses/{course_id}/weekly/new", None, TEACHING),
        c("POST", "/courses/{course_id}/weekly/new", Multipart, TEACHING),
        c("GET", "/courses/{course_id}/weekly/{weekly_id}", None, MEMBERS),
        c("POST", "/courses/{course_id}/weekly/{weekly_id}/react", Form(vec![("emoji", "")]), EDITORS),
        c("POST", "/courses/{course_id}/weekly/{weekly_id}/reply", Form(vec![("body", "")]), EDITORS),
        // Last, since it ends the session the cases above use.
        c("POST", "/sign-out", None, EVERYONE),
    ]
}

fn refused(status: u16, location: Option<&str>) -> bool {
    status == 401
        || status == 403
        || ((300..400).contains(&status) && location.is_some_and(|l| l.starts_with("/sign-in")))
}

async fn every_route_asks_the_policy(b: Backend) {
    let app = TestApp::spawn(b).await;
    let tutor = app.user("tutor@example.org", "Tess Tutor").await;
    let course = app.course("Course A", &tutor).await;
    for (email, role) in [
        ("student@example.org", Role::Student),
        ("student2@example.org", Role::Student),
        ("observer@example.org", Role::Observer),
        ("ta@example.org", Role::Ta),
    ] {
        let u = app.user(email, email).await;
        app.enrol(&course, &u, role).await;
    }
    let other_tutor = app.user("tutor-b@example.org", "Bea Other").await;
    let other_course = app.course("Course B", &other_tutor).await;
    let outsider = app.user("outsider@example.org", "Otto Outsider").await;
    app.enrol(&other_course, &outsider, Role::Student).await;
    app.admin("admin@example.org").await;
    // A join code on a course nobody is asked about, so joining changes nothing above.
    let joinable = app.course("Course C", &other_tutor).await;
    let code = joinable.join_code.clone().unwrap();
    // Groups in course A: the two students are partners (with a check-in one of them
    // wrote in) and form one project group.
    let tutor_browser = app.signed_in("tutor@example.org").await;
    let set_id = crate::groups::make_set(&tutor_browser, course.id, "partners", "2", "1").await;
    tutor_browser.post(&format!("/courses/{}/groups/{set_id}/publish", course.id), &[]).await;
    let r = tutor_browser
        .post(
            &format!("/courses/{}/groups/{set_id}/checkins", course.id),
            &[("title", "Week 1"), ("prompt", "How was it?")],
        )
        .await;
    let checkin_id = r.location.unwrap().rsplit('/').next().unwrap().to_string();
    let student2 = app.signed_in("student2@example.org").await;
    student2.post(&format!("/courses/{}/checkins/{checkin_id}/entry", course.id), &[("body", "Fine!")]).await;
    let entry_id = crate::groups::only_id(app.db(), "checkin_entries").await;
    let project = crate::groups::make_set(&tutor_browser, course.id, "project", "2", "1").await;
    tutor_browser.post(&format!("/courses/{}/groups/{project}/publish", course.id), &[]).await;
    let group_id = crate::groups::group_ids(app.db(), project).await[0];
    tutor_browser.post(&format!("/courses/{}/wiki", course.id), &[("title", "About the class")]).await;

    let set_id_s = set_id.to_string();
    let mut failures = vec![];
    for who in EVERYONE {
        let browser: Browser = match who {
            Who::Anonymous => app.browser(),
            Who::Outsider => app.signed_in("outsider@example.org").await,
            Who::Student => app.signed_in("student@example.org").await,
            Who::Observer => app.signed_in("observer@example.org").await,
            Who::Ta => app.signed_in("ta@example.org").await,
            Who::Tutor => app.signed_in("tutor@example.org").await,
            Who::Admin => app.signed_in("admin@example.org").await,
        };
        for case in cases() {
            let path = case
                .route
                .replace("{course_id}", &course.id.to_string())
                // A member id that does not exist: allowed people get a 404, others a 403.
                .replace("{user_id}", "999999")
                .replace("{file}", "app.css")
                .replace("{token}", "no-such-token")
                .replace("{code}", &code)
                .replace("{set_id}", if case.missing_set { "999999" } else { &set_id_s })
                .replace("{round}", "1")
                .replace("{checkin_id}", &checkin_id)
                .replace("{entry_id}", &entry_id.to_string())
                .replace("{group_id}", &group_id.to_string())
                .replace("{slug}", "about-the-class")
                .replace("{note_id}", "999999")
                .replace("{question_id}", "999999")
                .replace("{space_id}", "999999")
                .replace("{thread_id}", "999999")
                .replace("{post_id}", "999999")
                .replace("{report_id}", "999999")
                .replace("{media_id}", "999999")
                .replace("{intro_id}", "999999")
                .replace("{conversation_id}", "999999")
                .replace("{nomination_id}", "999999")
                .replace("{milestone_id}", "999999")
                .replace("{routine_id}", "999999")
                .replace("{feed}", "no-such-feed.ics")
                .replace("{notification_id}", "999999")
                .replace("{subscription_id}", "999999")
                .replace("{item_id}", "999999")
                .replace("{folder_id}", "999999")
                .replace("{file_id}", "999999")
                .replace("{feed}", "no-such-feed.ics")
                .replace("{schedule_id}", "999999")
                .replace("{session_id}", "999999")
                .replace("{step_id}", "999999")
                .replace("{job_id}", "999999")
                .replace("{context_id}", "999999")
                .replace("{login_id}", "999999")
                .replace("{booking_id}", "999999")
                .replace("{meetup_id}", "999999")
                .replace("{send_id}", "999999")
                .replace("{template_id}", "999999")
                .replace("{assignment_id}", "999999")
                .replace("{feedback_id}", "999999")
                .replace("{weekly_id}", "999999")
                .replace("{provider}", "no-such-provider");
            let r = match (&case.method, &case.body) {
                (&"GET", _) => browser.get(&path).await,
                (_, Body::None) => browser.post(&path, &[]).await,
                (_, Body::Form(f)) => browser.post(&path, f).await,
                (_, Body::Multipart) => browser.post_multipart(&path, Form::new().text("csv", "")).await,
            };
            let was_refused = refused(r.status, r.location.as_deref());
            let should_refuse = !case.allowed.contains(who);
            if was_refused != should_refuse || r.status >= 500 {
                failures.push(format!("{who:?} {} {} -> {} {:?}", case.method, case.route, r.status, r.location));
            }
        }
    }
    assert!(failures.is_empty(), "authorization matrix failures:\n{}", failures.join("\n"));
}
both!(every_route_asks_the_policy);

async fn tutors_only_details_never_reach_students(b: Backend) {
    let app = TestApp::spawn(b).await;
    let tutor = app.user("tutor@example.org", "Tess").await;
    let course = app.course("Course", &tutor).await;
    let s = app.user("student@example.org", "Sam").await;
    app.enrol(&course, &s, Role::Student).await;
    let student = app.signed_in("student@example.org").await;
    let r = student.get_json(&format!("/api/courses/{}/members", course.id)).await;
    r.assert_status(200);
    assert!(!r.body.contains("@example.org"), "a student saw email addresses: {}", r.body);
    let page = student.get(&format!("/courses/{}", course.id)).await;
    assert!(!page.body.contains("tutor@example.org"));
    let t = app.signed_in("tutor@example.org").await;
    t.get_json(&format!("/api/courses/{}/members", course.id)).await.assert_contains("student@example.org");
}
both!(tutors_only_details_never_reach_students);

/// Every `.route("...")` in the source must be in the matrix above.
#[test]
fn the_matrix_covers_every_route() {
    let mut in_source = BTreeSet::new();
    let mut stack = vec![std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/src"))];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&p).unwrap();
                let mut rest = text.as_str();
                while let Some(i) = rest.find(".route(\"") {
                    rest = &rest[i + 8..];
                    let end = rest.find('"').unwrap();
                    let path = &rest[..end];
                    // Which methods the route takes, read from the handler list after it.
                    let line_end = rest[end..].find(")\n").map(|j| end + j).unwrap_or(rest.len());
                    let handlers = &rest[end..line_end];
                    if handlers.contains("get(") {
                        in_source.insert(("GET", path.to_string()));
                    }
                    if handlers.contains("post(") {
                        in_source.insert(("POST", path.to_string()));
                    }
                }
            }
        }
    }
    let in_matrix: BTreeSet<_> =
        cases().into_iter().map(|c| (c.method, c.route.split('?').next().unwrap_or("").to_string())).collect();
    let missing: Vec<_> = in_source.difference(&in_matrix).collect();
    assert!(missing.is_empty(), "routes missing from the authorization matrix: {missing:?}");
    assert!(in_source.len() >= 25, "found only {} routes; is the scan broken?", in_source.len());
}
