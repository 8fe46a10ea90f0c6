//! The authorization policy: the one place that decides what each role may do.
//!
//! Every route builds an [`Actor`] for the person asking and calls [`allows`] (through
//! `web::CourseCtx::require` or `web::Viewer::require`). No I/O happens here, so the
//! whole table is unit-tested below and exercised route by route in `tests/it/matrix.rs`.

use serde::{Deserialize, Serialize};

/// A person's role in one course.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Tutor,
    Ta,
    Student,
    Observer,
}

/// Where a member stands: invited people have not joined yet (they are shown apart and
/// never counted as students who have not done something, nor planned into groups);
/// inactive people have left (kept, never deleted, so their history stays true).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MemberState {
    Invited,
    Active,
    Inactive,
}

impl MemberState {
    pub const ALL: [MemberState; 3] = [MemberState::Invited, MemberState::Active, MemberState::Inactive];

    pub fn as_str(self) -> &'static str {
        match self {
            MemberState::Invited => "invited",
            MemberState::Active => "active",
            MemberState::Inactive => "inactive",
        }
    }

    pub fn parse(s: &str) -> Option<MemberState> {
        MemberState::ALL.into_iter().find(|m| m.as_str() == s)
    }
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Tutor, Role::Ta, Role::Student, Role::Observer];

    /// The name stored in the database and used in roster files.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Tutor => "tutor",
            Role::Ta => "ta",
            Role::Student => "student",
            Role::Observer => "observer",
        }
    }

    /// The Fluent id of the role's name.
    pub fn label_id(self) -> &'static str {
        match self {
            Role::Tutor => "role-tutor",
            Role::Ta => "role-ta",
            Role::Student => "role-student",
            Role::Observer => "role-observer",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        match s.trim().to_ascii_lowercase().as_str() {
            "tutor" => Some(Role::Tutor),
            "ta" => Some(Role::Ta),
            "student" => Some(Role::Student),
            "observer" => Some(Role::Observer),
            _ => None,
        }
    }

    /// Tutors and TAs form the teaching team: they see what is private to tutors.
    pub fn is_teaching(self) -> bool {
        matches!(self, Role::Tutor | Role::Ta)
    }
}

/// Who may start a course, as the site admin chose in the site's settings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Creators {
    /// Anyone with an account.
    Anyone,
    /// People who already teach (tutor) in a course.
    #[default]
    Staff,
    /// Site admins only.
    Admins,
}

impl Creators {
    pub const ALL: [Creators; 3] = [Creators::Anyone, Creators::Staff, Creators::Admins];

    pub fn as_str(self) -> &'static str {
        match self {
            Creators::Anyone => "anyone",
            Creators::Staff => "staff",
            Creators::Admins => "admins",
        }
    }

    pub fn parse(s: &str) -> Option<Creators> {
        Creators::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// Who is asking, as far as the policy needs to know.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Actor {
    pub signed_in: bool,
    pub site_admin: bool,
    /// Their role in the course the request is about, if any.
    pub role: Option<Role>,
    /// Whether they teach (tutor) in at least one course: such people may start courses
    /// when the site lets staff do so.
    pub tutors_somewhere: bool,
    /// Whether they belong to the group the request is about (a project group's space,
    /// a check-in of their group).
    pub in_group: bool,
    /// The course the request is about is archived: read-only for everyone.
    pub course_archived: bool,
    /// The request changes something (any method but GET and HEAD).
    pub writing: bool,
    /// The site's setting of who may start courses.
    pub creators: Creators,
    /// The course's tutor keeps the radar, the staff's notes and the class graph from
    /// TAs (`outreach_settings.ta_insight` off). Asked only by those pages.
    pub insight_withheld: bool,
}

impl Actor {
    pub const ANONYMOUS: Actor = Actor {
        signed_in: false,
        site_admin: false,
        role: None,
        tutors_somewhere: false,
        in_group: false,
        course_archived: false,
        writing: false,
        creators: Creators::Staff,
        insight_withheld: false,
    };

    /// The same person, asking about a group they are (or are not) in.
    pub fn with_group(self, in_group: bool) -> Actor {
        Actor { in_group, ..self }
    }
}

/// Everything a route can ask permission for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// Change one's own name, email, password, language, time zone.
    EditOwnAccount,
    /// Start a new course.
    CreateCourse,
    /// Open a course's home and see who is in it.
    ViewCourse,
    /// See members' email addresses and when they joined.
    ViewMemberDetails,
    /// Change the course's title, description, start date, time zone, start mode.
    EditCourse,
    /// Invite by email, import rosters, manage the join link.
    InviteMembers,
    /// Change a member's role or remove them.
    ManageMembers,
    /// Read the site's outbox of emails that were not sent over SMTP.
    ViewOutbox,
    /// See published group sets and one's own groups in them.
    ViewGroups,
    /// Plan, edit, publish and export group sets; start check-ins; see who took part.
    ManageGroups,
    /// Read and post in a group's own space, write and reply to its check-ins.
    TakePartInGroup,
    /// Read the course's "About the class" wiki.
    ViewWiki,
    /// Create and edit wiki pages that are not locked.
    EditWiki,
    /// Edit locked pages; lock and unlock them.
    ManageWiki,
    /// Plan one's own weekly study hours.
    PlanTimeBudget,
    /// See the class's anonymous summary and who has no plan; edit the activity list.
    ManageTimeBudget,
    /// Mark the tutor's expectations as read.
    AcknowledgeExpectations,
    /// Add notes to the expectations board, "+1" them, move and delete one's own.
    PostOnBoard,
    /// Edit the board's columns; move and delete anyone's note.
    ManageBoard,
    /// See the course's survey (its questions, and one's own answers).
    ViewSurvey,
    /// Answer the survey while it is open.
    AnswerSurvey,
    /// Build, schedule and read the results of the survey.
    ManageSurvey,
    /// Read the course's spaces (forum, Q&A, coffee shop, announcements); react-free
    /// things anyone in the course may do there: mark read, search, report a post.
    ViewSpaces,
    /// Start threads, reply, react, edit and delete one's own posts.
    PostInSpaces,
    /// Create, rename, order and archive spaces; edit the follow-up question starters.
    ManageSpaces,
    /// Start announcements, pin and lock threads, hide posts, work the report queue.
    ModerateSpaces,
    /// Introduce oneself in the course (text, photo, voice or video clip).
    PostIntroduction,
    /// Welcome someone's introduction with a short reply.
    WelcomeIntroduction,
    /// See who has not introduced themselves and send them a friendly nudge.
    NudgeIntroductions,
    /// Read and write one's own direct messages in the course; block people.
    UseMessages,
    /// Turn student-to-student messages on or off for the course.
    ManageMessaging,
    /// Give shout-outs, nominate for Win of the Week, post and congratulate milestones,
    /// opt in to a birthday celebration.
    Celebrate,
    /// See the week's nominations and feature wins.
    FeatureWins,
    /// Publish the weekly routine ("Our week") and renew its calendar feed link.
    ManageRoutine,
    /// Read one's own notifications and choose how they arrive by email.
    ReadOwnNotifications,
    /// Add pictures to the course's collage and remove one's own.
    AddToCollage,
    /// Remove anyone's picture from the collage.
    ManageCollage,
    /// Browse and download the course's files area.
    ViewFiles,
    /// Upload to the files area and rename, move and delete one's own uploads; the route
    /// also asks the course's files setting, which the tutor turns on.
    ShareFiles,
    /// Folders, anyone's files and the files area's settings.
    ManageFiles,
    /// Schedule posts and recurring posts, see the upcoming ones, edit and cancel them.
    SchedulePosts,
    /// Site-wide sign-in rules, such as requiring two-factor of tutors and site admins.
    ManageSiteSecurity,
    /// The site admin's pages: courses, people, the site's settings, failed jobs and the
    /// log of admins' visits to courses.
    AdministerSite,
    /// Archive a course (read-only for everyone) and restore it.
    ArchiveCourse,
    /// Copy a course's structure (spaces, wiki, survey, expectations, routine, group
    /// rules) into a new course for the next run.
    CopyCourse,
    /// See the relationship radar and the contact ledger of the course's students.
    ViewRadar,
    /// Log a personal contact with a student by hand.
    LogContact,
    /// Link an LMS course to a Homeroom course (or make one for it) after launching into
    /// it as its instructor; the route also checks that the LMS named this person, and
    /// that they are the tutor of the course they link.
    LinkLtiContext,
    /// Put a place of the course (home, a space, a thread, a live session, a group set)
    /// in the LMS course by LTI Deep Linking, after launching from the LMS's content picker.
    DeepLinkLti,
    /// Publish one's availability for one-to-one check-ins, see who booked and their
    /// topics, cancel one's own meetings, keep a private note afterwards.
    OfferCheckIns,
    /// Book, cancel and move one's own one-to-one check-ins.
    BookCheckIns,
    /// See one's own outreach queue and add students to it.
    ViewOutreach,
    /// Set the outreach rhythm and sharing, give students to other members of staff.
    ManageOutreach,
    /// See the class graph: who interacts with whom.
    ViewClassGraph,
    /// See how long students' questions wait for the first staff reply.
    ViewResponseTimes,
    /// See the course's live sessions, join one and watch it (observers too).
    ViewLive,
    /// Answer a live session's check-in, mood check-in and polls.
    AnswerLive,
    /// Plan, start, run and end live sessions; see who is here and each person's answers.
    RunLive,
    /// Compose, send and follow personalised messages to the course's students.
    SendPersonalMessages,
    /// Open the feedback inbox and one's own feedback, and reply to it (the teaching
    /// team: feedback given in the course).
    ViewFeedback,
    /// Give feedback to a student, name assignments, release drafts, see who is waiting.
    GiveFeedback,
    /// See a student's "classmates like you" and introduce or pair them with one.
    SuggestClassmates,
    /// Opt in to, and see, one's own "classmates you have not met yet" suggestions.
    SeeClassmatesLikeMe,
    /// Plan, change and call off informal meet-ups, and let a student host one.
    ManageMeetups,
    /// Answer "Are you coming?" to a meet-up (and, as its host, write how it went).
    RsvpMeetups,
    /// Record or replace this week's message to the class (the weekly video or voice note).
    PostWeeklyMessage,
    /// React to the weekly message and reply under it.
    RespondToWeekly,
}

impl Action {
    /// What may still be done in an archived course, even by a request that writes:
    /// reading (a read marker or a search records only the reader's own state), restoring
    /// it, copying it for the next run, and what belongs to no course.
    pub fn allowed_when_archived(self) -> bool {
        use Action::*;
        matches!(
            self,
            EditOwnAccount
                | CreateCourse
                | ViewCourse
                | ViewMemberDetails
                | ViewOutbox
                | ViewGroups
                | ViewWiki
                | ViewSurvey
                | ViewSpaces
                | ViewFiles
                | ViewLive
                | ReadOwnNotifications
                | AdministerSite
                | ArchiveCourse
                | CopyCourse
                | LinkLtiContext
        )
    }

    /// What a site admin may do in a course they are not a member of: look after it
    /// (settings, members, invitations, archive, copy), not read the class's
    /// conversations or work. Their visits are logged (`admin::access`).
    pub fn granted_to_admins(self) -> bool {
        use Action::*;
        matches!(
            self,
            EditOwnAccount
                | CreateCourse
                | ViewOutbox
                | AdministerSite
                | ManageSiteSecurity
                | ViewMemberDetails
                | EditCourse
                | InviteMembers
                | ManageMembers
                | ArchiveCourse
                | CopyCourse
                | ReadOwnNotifications
                | LinkLtiContext
        )
    }
}

/// The policy itself. An archived course refuses every change but a few; site admins
/// may do what is granted to admins, and what their role allows where they are members;
/// everyone else by role.
pub fn allows(actor: &Actor, action: Action) -> bool {
    if !actor.signed_in {
        return false;
    }
    if actor.course_archived && actor.writing && !action.allowed_when_archived() {
        return false;
    }
    (actor.site_admin && action.granted_to_admins()) || by_role(actor, action)
}

fn by_role(actor: &Actor, action: Action) -> bool {
    let role = actor.role;
    match action {
        Action::EditOwnAccount => true,
        Action::CreateCourse => match actor.creators {
            Creators::Anyone => true,
            Creators::Staff => actor.tutors_somewhere,
            Creators::Admins => false,
        },
        Action::ViewCourse => role.is_some(),
        Action::ViewMemberDetails => role.is_some_and(Role::is_teaching),
        Action::EditCourse | Action::InviteMembers | Action::ManageMembers => role == Some(Role::Tutor),
        Action::ViewOutbox => false,
        Action::ViewGroups => role.is_some(),
        Action::ManageGroups => role.is_some_and(Role::is_teaching),
        // Observers watch; they do not post in groups even if placed in one.
        Action::TakePartInGroup => actor.in_group && role.is_some_and(|r| r != Role::Observer),
        Action::ViewWiki => role.is_some(),
        Action::EditWiki => role.is_some_and(|r| r != Role::Observer),
        Action::ManageWiki => role.is_some_and(Role::is_teaching),
        Action::PlanTimeBudget => role == Some(Role::Student),
        Action::ManageTimeBudget => role.is_some_and(Role::is_teaching),
        Action::AcknowledgeExpectations => role == Some(Role::Student),
        Action::PostOnBoard => role.is_some_and(|r| r != Role::Observer),
        Action::ManageBoard => role.is_some_and(Role::is_teaching),
        Action::ViewSurvey => role.is_some(),
        // Observers watch; the survey is about the students.
        Action::AnswerSurvey => role == Some(Role::Student),
        Action::ManageSurvey => role.is_some_and(Role::is_teaching),
        Action::ViewSpaces => role.is_some(),
        Action::PostInSpaces => role.is_some_and(|r| r != Role::Observer),
        Action::ManageSpaces => role == Some(Role::Tutor),
        Action::ModerateSpaces => role.is_some_and(Role::is_teaching),
        // Observers watch the class get to know each other; they do not post.
        Action::PostIntroduction | Action::WelcomeIntroduction => role.is_some_and(|r| r != Role::Observer),
        Action::NudgeIntroductions => role.is_some_and(Role::is_teaching),
        // Observers watch: they neither message nor celebrate, so nobody is surprised by
        // a private word from someone outside the class.
        Action::UseMessages => role.is_some_and(|r| r != Role::Observer),
        Action::ManageMessaging => role == Some(Role::Tutor),
        Action::Celebrate => role.is_some_and(|r| r != Role::Observer),
        Action::FeatureWins => role.is_some_and(Role::is_teaching),
        Action::ManageRoutine => role.is_some_and(Role::is_teaching),
        Action::ReadOwnNotifications => true,
        // Observers look at the collage with the class; they do not add to it.
        Action::AddToCollage => role.is_some_and(|r| r != Role::Observer),
        Action::ManageCollage => role.is_some_and(Role::is_teaching),
        Action::ViewFiles => role.is_some(),
        Action::ShareFiles => role == Some(Role::Student),
        Action::ManageFiles => role.is_some_and(Role::is_teaching),
        // Scheduled posts go out in the teaching team's name, often as announcements.
        Action::SchedulePosts => role.is_some_and(Role::is_teaching),
        // Site admins only (allowed above).
        Action::ManageSiteSecurity => false,
        Action::AdministerSite => false,
        Action::ArchiveCourse => role == Some(Role::Tutor),
        // A copy is a new course: only for tutors who may start one.
        Action::CopyCourse => role == Some(Role::Tutor) && by_role(actor, Action::CreateCourse),
        Action::LinkLtiContext => true,
        Action::DeepLinkLti => role.is_some_and(Role::is_teaching),
        Action::OfferCheckIns => role.is_some_and(Role::is_teaching),
        // Check-ins are the students' time with the teaching team; observers watch.
        Action::BookCheckIns => role == Some(Role::Student),
        // What the teaching team alone sees about students; the tutor decides whether TAs do.
        Action::ViewRadar | Action::ViewClassGraph => {
            role == Some(Role::Tutor) || (role == Some(Role::Ta) && !actor.insight_withheld)
        }
        Action::LogContact | Action::ViewOutreach | Action::ViewResponseTimes => role.is_some_and(Role::is_teaching),
        Action::ManageOutreach => role == Some(Role::Tutor),
        Action::ViewLive => role.is_some(),
        // Observers watch the session; they do not answer.
        Action::AnswerLive => role.is_some_and(|r| r != Role::Observer),
        Action::RunLive => role.is_some_and(Role::is_teaching),
        Action::SendPersonalMessages => role.is_some_and(Role::is_teaching),
        // Feedback is between a student and the teaching team: observers see none.
        Action::ViewFeedback => role.is_some_and(|r| r != Role::Observer),
        Action::GiveFeedback => role.is_some_and(Role::is_teaching),
        // Built from what students shared with the teaching team: as private as the radar.
        Action::SuggestClassmates => role == Some(Role::Tutor) || (role == Some(Role::Ta) && !actor.insight_withheld),
        // A student's own suggestions, from what classmates show the class.
        Action::SeeClassmatesLikeMe => role == Some(Role::Student),
        // Staff plan meet-ups (a student may host one they chose); everyone but observers comes.
        Action::ManageMeetups => role.is_some_and(Role::is_teaching),
        Action::RsvpMeetups => role.is_some_and(|r| r != Role::Observer),
        // The teaching team speaks to the class each week; everyone reads (ViewCourse).
        Action::PostWeeklyMessage => role.is_some_and(Role::is_teaching),
        // Observers watch; they neither react nor reply.
        Action::RespondToWeekly => role.is_some_and(|r| r != Role::Observer),
    }
}

/// Whether a refusal is only because the course is archived: the page then says so
/// politely instead of "you may not".
pub fn refused_for_archive(actor: &Actor, action: Action) -> bool {
    actor.course_archived && !allows(actor, action) && allows(&Actor { course_archived: false, ..*actor }, action)
}

#[cfg(test)]
mod tests;
