//! The policy's table, rule by rule and as properties over every role and action.

use super::*;
use proptest::prelude::*;

fn member(role: Role) -> Actor {
    Actor { signed_in: true, role: Some(role), tutors_somewhere: role == Role::Tutor, ..Actor::default() }
}

fn admin() -> Actor {
    Actor { signed_in: true, site_admin: true, ..Actor::default() }
}

const ACTIONS: [Action; 67] = [
    Action::EditOwnAccount,
    Action::CreateCourse,
    Action::ViewCourse,
    Action::ViewMemberDetails,
    Action::EditCourse,
    Action::InviteMembers,
    Action::ManageMembers,
    Action::ViewOutbox,
    Action::ViewGroups,
    Action::ManageGroups,
    Action::TakePartInGroup,
    Action::ViewWiki,
    Action::EditWiki,
    Action::ManageWiki,
    Action::PlanTimeBudget,
    Action::ManageTimeBudget,
    Action::AcknowledgeExpectations,
    Action::PostOnBoard,
    Action::ManageBoard,
    Action::ViewSurvey,
    Action::AnswerSurvey,
    Action::ManageSurvey,
    Action::ViewSpaces,
    Action::PostInSpaces,
    Action::ManageSpaces,
    Action::ModerateSpaces,
    Action::PostIntroduction,
    Action::WelcomeIntroduction,
    Action::NudgeIntroductions,
    Action::UseMessages,
    Action::ManageMessaging,
    Action::Celebrate,
    Action::FeatureWins,
    Action::ManageRoutine,
    Action::ReadOwnNotifications,
    Action::AddToCollage,
    Action::ManageCollage,
    Action::ViewFiles,
    Action::ShareFiles,
    Action::ManageFiles,
    Action::SchedulePosts,
    Action::ManageSiteSecurity,
    Action::AdministerSite,
    Action::ArchiveCourse,
    Action::CopyCourse,
    Action::ViewRadar,
    Action::LogContact,
    Action::LinkLtiContext,
    Action::DeepLinkLti,
    Action::OfferCheckIns,
    Action::BookCheckIns,
    Action::ViewOutreach,
    Action::ManageOutreach,
    Action::ViewClassGraph,
    Action::ViewResponseTimes,
    Action::ViewLive,
    Action::AnswerLive,
    Action::RunLive,
    Action::SendPersonalMessages,
    Action::ViewFeedback,
    Action::GiveFeedback,
    Action::SuggestClassmates,
    Action::SeeClassmatesLikeMe,
    Action::ManageMeetups,
    Action::RsvpMeetups,
    Action::PostWeeklyMessage,
    Action::RespondToWeekly,
];

#[test]
fn anonymous_may_do_nothing() {
    for a in ACTIONS {
        assert!(!allows(&Actor::ANONYMOUS, a), "{a:?}");
    }
}

#[test]
fn a_tutor_may_keep_the_radar_notes_and_graph_from_tas() {
    let withheld = |role| Actor { insight_withheld: true, ..member(role) };
    for a in [Action::ViewRadar, Action::ViewClassGraph, Action::SuggestClassmates] {
        assert!(!allows(&withheld(Role::Ta), a), "{a:?}");
        assert!(allows(&withheld(Role::Tutor), a), "{a:?}");
        assert!(!allows(&withheld(Role::Student), a), "{a:?}");
    }
    // A TA still has their own queue, logs contacts and sees response times.
    for a in [Action::ViewOutreach, Action::LogContact, Action::ViewResponseTimes] {
        assert!(allows(&withheld(Role::Ta), a), "{a:?}");
    }
    assert!(!allows(&member(Role::Ta), Action::ManageOutreach));
}

#[test]
fn a_site_admin_outside_a_course_looks_after_it_without_reading_the_class() {
    for a in ACTIONS {
        assert_eq!(allows(&admin(), a), a.granted_to_admins(), "{a:?}");
    }
    for a in [Action::ViewCourse, Action::ViewSpaces, Action::UseMessages, Action::ManageSurvey, Action::ViewWiki] {
        assert!(!allows(&admin(), a), "{a:?}");
    }
    for a in [Action::ManageMembers, Action::EditCourse, Action::ArchiveCourse, Action::AdministerSite] {
        assert!(allows(&admin(), a), "{a:?}");
    }
}

#[test]
fn a_site_admin_who_is_a_member_also_has_their_role() {
    let a = Actor { role: Some(Role::Student), ..admin() };
    assert!(allows(&a, Action::ViewSpaces));
    assert!(allows(&a, Action::ManageMembers));
    assert!(!allows(&a, Action::ModerateSpaces));
}

#[test]
fn nobody_but_admins_administers_the_site() {
    for role in Role::ALL {
        assert!(!allows(&member(role), Action::AdministerSite), "{role:?}");
    }
}

#[test]
fn who_may_start_a_course_follows_the_site_setting() {
    let tutor = member(Role::Tutor);
    let student = member(Role::Student);
    let with = |a: Actor, creators| Actor { creators, ..a };
    assert!(allows(&with(student, Creators::Anyone), Action::CreateCourse));
    assert!(!allows(&with(student, Creators::Staff), Action::CreateCourse));
    assert!(allows(&with(tutor, Creators::Staff), Action::CreateCourse));
    assert!(!allows(&with(tutor, Creators::Admins), Action::CreateCourse));
    assert!(allows(&with(admin(), Creators::Admins), Action::CreateCourse));
    for c in Creators::ALL {
        assert_eq!(Creators::parse(c.as_str()), Some(c));
    }
}

#[test]
fn copying_a_course_needs_the_right_to_start_one() {
    let tutor = member(Role::Tutor);
    assert!(allows(&tutor, Action::CopyCourse));
    assert!(!allows(&Actor { creators: Creators::Admins, ..tutor }, Action::CopyCourse));
    assert!(allows(&Actor { creators: Creators::Admins, ..admin() }, Action::CopyCourse));
}

#[test]
fn an_archived_course_refuses_changes_politely_but_stays_readable() {
    let tutor = Actor { course_archived: true, ..member(Role::Tutor) };
    let writing = Actor { writing: true, ..tutor };
    assert!(allows(&tutor, Action::ManageSurvey), "the results can still be read");
    assert!(!allows(&writing, Action::ManageSurvey));
    assert!(!allows(&writing, Action::PostInSpaces));
    assert!(refused_for_archive(&writing, Action::PostInSpaces));
    assert!(allows(&writing, Action::ArchiveCourse), "restoring is a change");
    assert!(allows(&writing, Action::CopyCourse));
    assert!(allows(&writing, Action::ViewSpaces), "marking read is the reader's own");
    let student = Actor { course_archived: true, writing: true, ..member(Role::Student) };
    assert!(!refused_for_archive(&student, Action::ManageSurvey), "refused anyway: not for the archive");
    let admin = Actor { course_archived: true, writing: true, ..admin() };
    assert!(!allows(&admin, Action::ManageMembers));
    assert!(allows(&admin, Action::ArchiveCourse));
}

fn any_actor() -> impl Strategy<Value = Actor> {
    let role = prop_oneof![
        Just(None),
        Just(Some(Role::Tutor)),
        Just(Some(Role::Ta)),
        Just(Some(Role::Student)),
        Just(Some(Role::Observer))
    ];
    let creators = prop_oneof![Just(Creators::Anyone), Just(Creators::Staff), Just(Creators::Admins)];
    (any::<[bool; 7]>(), role, creators).prop_map(|(b, role, creators)| Actor {
        signed_in: b[0],
        site_admin: b[1],
        role,
        tutors_somewhere: b[2],
        in_group: b[3],
        course_archived: b[4],
        writing: b[5],
        creators,
        insight_withheld: b[6],
    })
}

proptest! {
    /// Archiving only ever takes permissions away, and only from changes; being a site
    /// admin only ever adds.
    #[test]
    fn archiving_and_admin_rights_are_monotone(actor in any_actor(), i in 0usize..ACTIONS.len()) {
        let a = ACTIONS[i];
        let open = Actor { course_archived: false, ..actor };
        prop_assert!(!allows(&actor, a) || allows(&open, a));
        if !actor.writing {
            prop_assert_eq!(allows(&actor, a), allows(&open, a));
        }
        let plain = Actor { site_admin: false, ..actor };
        prop_assert!(!allows(&plain, a) || allows(&actor, a));
    }
}

#[test]
fn outsiders_see_nothing_of_a_course() {
    let outsider = Actor { signed_in: true, tutors_somewhere: true, ..Actor::default() };
    assert!(!allows(&outsider, Action::ViewCourse));
    assert!(!allows(&outsider, Action::ViewMemberDetails));
    assert!(!allows(&outsider, Action::ManageMembers));
    assert!(allows(&outsider, Action::CreateCourse));
}

#[test]
fn roles_in_a_course() {
    use Action::*;
    let table: [(Role, &[Action]); 4] = [
        (
            Role::Tutor,
            &[
                EditOwnAccount,
                CreateCourse,
                ViewCourse,
                ViewMemberDetails,
                EditCourse,
                InviteMembers,
                ManageMembers,
                ViewGroups,
                ManageGroups,
                ViewWiki,
                EditWiki,
                ManageWiki,
                ManageTimeBudget,
                PostOnBoard,
                ManageBoard,
                ViewSurvey,
                ManageSurvey,
                ViewSpaces,
                PostInSpaces,
                ManageSpaces,
                ModerateSpaces,
                PostIntroduction,
                WelcomeIntroduction,
                NudgeIntroductions,
                UseMessages,
                ManageMessaging,
                Celebrate,
                FeatureWins,
                ManageRoutine,
                ReadOwnNotifications,
                AddToCollage,
                ManageCollage,
                ViewFiles,
                ManageFiles,
                SchedulePosts,
                ArchiveCourse,
                CopyCourse,
                ViewRadar,
                LogContact,
                LinkLtiContext,
                OfferCheckIns,
                ViewOutreach,
                ManageOutreach,
                ViewClassGraph,
                ViewResponseTimes,
                ViewLive,
                AnswerLive,
                RunLive,
                SendPersonalMessages,
                DeepLinkLti,
                ViewFeedback,
                GiveFeedback,
                SuggestClassmates,
                ManageMeetups,
                RsvpMeetups,
                PostWeeklyMessage,
                RespondToWeekly,
            ],
        ),
        (
            Role::Ta,
            &[
                EditOwnAccount,
                ViewCourse,
                ViewMemberDetails,
                ViewGroups,
                ManageGroups,
                ViewWiki,
                EditWiki,
                ManageWiki,
                ManageTimeBudget,
                PostOnBoard,
                ManageBoard,
                ViewSurvey,
                ManageSurvey,
                ViewSpaces,
                PostInSpaces,
                ModerateSpaces,
                PostIntroduction,
                WelcomeIntroduction,
                NudgeIntroductions,
                UseMessages,
                Celebrate,
                FeatureWins,
                ManageRoutine,
                ReadOwnNotifications,
                AddToCollage,
                ManageCollage,
                ViewFiles,
                ManageFiles,
                SchedulePosts,
                ViewRadar,
                LogContact,
                LinkLtiContext,
                OfferCheckIns,
                ViewOutreach,
                ViewClassGraph,
                ViewResponseTimes,
                ViewLive,
                AnswerLive,
                RunLive,
                SendPersonalMessages,
                DeepLinkLti,
                ViewFeedback,
                GiveFeedback,
                SuggestClassmates,
                ManageMeetups,
                RsvpMeetups,
                PostWeeklyMessage,
                RespondToWeekly,
            ],
        ),
        (
            Role::Student,
            &[
                EditOwnAccount,
                ViewCourse,
                ViewGroups,
                ViewWiki,
                EditWiki,
                PlanTimeBudget,
                AcknowledgeExpectations,
                PostOnBoard,
                ViewSurvey,
                AnswerSurvey,
                ViewSpaces,
                PostInSpaces,
                PostIntroduction,
                WelcomeIntroduction,
                UseMessages,
                Celebrate,
                ReadOwnNotifications,
                AddToCollage,
                ViewFiles,
                ShareFiles,
                LinkLtiContext,
                BookCheckIns,
                ViewLive,
                AnswerLive,
                ViewFeedback,
                SeeClassmatesLikeMe,
                RsvpMeetups,
                RespondToWeekly,
            ],
        ),
        (
            Role::Observer,
            &[
                EditOwnAccount,
                ViewCourse,
                ViewGroups,
                ViewWiki,
                ViewSurvey,
                ViewSpaces,
                ReadOwnNotifications,
                ViewFiles,
                LinkLtiContext,
                ViewLive,
            ],
        ),
    ];
    for (role, allowed) in table {
        for a in ACTIONS {
            assert_eq!(allows(&member(role), a), allowed.contains(&a), "{role:?} {a:?}");
        }
    }
}

#[test]
fn only_group_members_take_part_in_a_group() {
    for role in Role::ALL {
        assert!(!allows(&member(role), Action::TakePartInGroup), "{role:?} outside the group");
        assert_eq!(allows(&member(role).with_group(true), Action::TakePartInGroup), role != Role::Observer);
    }
    let outsider = Actor { signed_in: true, in_group: true, ..Actor::default() };
    assert!(!allows(&outsider, Action::TakePartInGroup), "membership of the course is needed too");
}

#[test]
fn roles_round_trip_through_their_names() {
    for r in Role::ALL {
        assert_eq!(Role::parse(r.as_str()), Some(r));
        assert_eq!(Role::parse(&r.as_str().to_uppercase()), Some(r));
    }
    assert_eq!(Role::parse("teacher"), None);
}
