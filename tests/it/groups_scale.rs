//! A group set's page at class scale: the teaching team sees one round a page of groups at
//! a time and reaches every group by the page links; a student sees only their own group;
//! both cost the same number of statements for a class of 12 or of 420; a move comes back
//! to the page it was made from; local times follow the person's choice.

use std::collections::HashSet;

use crate::both;
use crate::groups::make_set;
use crate::lists::{class, cost, next_link};
use crate::support::{Backend, PASSWORD, TestApp};
use homeroom::db::entity::{profile_detail, user};
use homeroom::policy::MemberState;
use sea_orm::{ActiveModelTrait, Set};

fn group_ids_on(body: &str) -> Vec<String> {
    body.match_indices("<h3 id=\"g-").map(|(i, _)| body[i + 10..].split('"').next().unwrap().to_string()).collect()
}

async fn a_round_of_a_large_class_is_paged_and_costs_the_same(b: Backend) {
    let app = TestApp::spawn(b).await;
    let t = app.user("tutor@example.org", "Tess Tutor").await;
    let small = app.course("Small", &t).await;
    let large = app.course("Large", &t).await;
    let few = class(&app, &small, 12, "Other", MemberState::Active).await;
    let many = class(&app, &large, 420, "Person", MemberState::Active).await;
    // Two of them can sign in.
    for u in [&few[0], &many[0]] {
        let mut active: user::ActiveModel = u.clone().into();
        active.password_hash = Set(Some(homeroom::auth::password::hash(PASSWORD).unwrap()));
        active.update(app.db()).await.unwrap();
    }
    // One student keeps their location to themselves.
    let hidden = &many[7];
    profile_detail::ActiveModel {
        user_id: Set(hidden.id),
        pronouns: Set(String::new()),
        name_say: Set(String::new()),
        name_audio_id: Set(None),
        photo_id: Set(None),
        photo_caption: Set(String::new()),
        bio: Set(String::new()),
        job: Set(String::new()),
        location: Set(String::new()),
        interests: Set(String::new()),
        looking_forward: Set(String::new()),
        use_for: Set(String::new()),
        circumstances_note: Set(String::new()),
        contact: Set(String::new()),
        visibility: Set(r#"{"location":"me"}"#.into()),
        updated_at: Set(0),
    }
    .insert(app.db())
    .await
    .unwrap();

    let tutor = app.signed_in("tutor@example.org").await;
    let small_set = make_set(&tutor, small.id, "breakout", "4", "2").await;
    let large_set = make_set(&tutor, large.id, "breakout", "4", "2").await;
    let small_url = format!("/courses/{}/groups/{small_set}", small.id);
    let large_url = format!("/courses/{}/groups/{large_set}", large.id);
    assert_eq!(cost(&tutor, &small_url).await, cost(&tutor, &large_url).await, "the set page grows with the class");

    // Round 1 of 105 groups: 24 a page, every group reached once by the links.
    let first = tutor.get(&large_url).await;
    first.assert_contains("Showing 24 of 105 groups in this round.").assert_contains("?round=2");
    let mut seen: Vec<String> = vec![];
    let mut page = first.body.clone();
    let mut pages = 1;
    loop {
        seen.extend(group_ids_on(&page));
        let Some(next) = next_link(&page) else { break };
        let next_page = tutor.get(&next).await;
        assert_eq!(next_page.statements, first.statements, "a later page costs what the first does");
        page = next_page.body;
        pages += 1;
    }
    assert_eq!((seen.len(), seen.iter().collect::<HashSet<_>>().len(), pages), (105, 105, 5));
    // The second round is one link away.
    let round2 = tutor.get(&format!("{large_url}?round=2")).await;
    round2.assert_contains("What surprised you?");
    assert!(!round2.body.contains("What brought you here?"));

    // The person who hides their location shows no local time, even to the tutor; the
    // others do.
    let page_of_hidden = {
        let mut url = large_url.clone();
        loop {
            let body = tutor.get(&url).await.body;
            if body.contains(&format!(">{}<", hidden.name)) {
                break body;
            }
            url = next_link(&body).expect("the student is in some group of round 1");
        }
    };
    let card = page_of_hidden.split(&format!(">{}<", hidden.name)).nth(1).unwrap().split("</li>").next().unwrap();
    assert!(!card.contains("their time"), "{card}");
    assert!(page_of_hidden.contains("their time"));

    // A move made from the third page comes back to it.
    let third = {
        let second = tutor.get(&next_link(&first.body).unwrap()).await.body;
        next_link(&second).unwrap()
    };
    let third_page = tutor.get(&third).await.body;
    let who = third_page.split("name=\"user_id\">").nth(1).unwrap().split("value=\"").nth(1).unwrap();
    let who = who.split('"').next().unwrap().to_string();
    let back = third.clone();
    let r = tutor
        .post(&format!("{large_url}/move"), &[("round", "1"), ("user_id", &who), ("to_group", "100"), ("back", &back)])
        .await;
    let location = r.location.clone().unwrap_or_default();
    assert!(location.contains("after="), "came back to the page: {location}");
    assert!(location.ends_with("#round-1"), "{location}");

    // Published: a student sees their own group in each round and nothing else, at the
    // same cost as in the small class.
    tutor.post(&format!("{large_url}/publish"), &[]).await;
    tutor.post(&format!("{small_url}/publish"), &[]).await;
    let student = app.signed_in(&many[0].email).await;
    let other = app.signed_in(&few[0].email).await;
    let mine = student.get(&large_url).await;
    mine.assert_status(200).assert_contains("Your group");
    assert_eq!(group_ids_on(&mine.body).len(), 2, "one group in each of two rounds");
    assert!(!mine.body.contains("Showing"));
    assert_eq!(cost(&student, &large_url).await, cost(&other, &small_url).await);
}
both!(a_round_of_a_large_class_is_paged_and_costs_the_same);
