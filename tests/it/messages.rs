//! Direct messages: only participants read a conversation, the tutor's switch for
//! student-to-student messages, blocking, unread counts and notifications.

use crate::both;
use crate::support::{Backend, TestApp, class as small_class};

async fn conversations(app: &TestApp) -> i64 {
    app.count("conversations").await
}

async fn only_participants_see_a_conversation(b: Backend) {
    let k = small_class(b, "Messages").await;
    let list = format!("/courses/{}/messages", k.course);
    let ada = k.app.signed_in("ada@example.org").await;
    let r = ada.post(&list, &[("to", &k.bo.to_string()), ("body", "Hi **Bo**, coffee chat?")]).await;
    assert!(r.redirects_to(&format!("{list}/")), "{r:?}");
    let conv = r.location.clone().unwrap();
    ada.get(&conv).await.assert_status(200).assert_contains("<strong>Bo</strong>, coffee chat?");

    let bo = k.app.signed_in("bo@example.org").await;
    bo.get(&list).await.assert_status(200).assert_contains("Ada Lovelace").assert_contains("1 unread");
    assert_eq!(homeroom::messages::unread_total(k.app.db(), k.course, k.bo).await.unwrap(), 1);
    assert_eq!(k.app.count("notifications").await, 1, "Bo is told, Ada is not");
    bo.get(&conv).await.assert_status(200).assert_contains("coffee chat?");
    assert_eq!(homeroom::messages::unread_total(k.app.db(), k.course, k.bo).await.unwrap(), 0, "reading clears it");
    bo.post(&conv, &[("body", "Yes please")]).await;
    assert_eq!(homeroom::messages::unread_total(k.app.db(), k.course, k.ada).await.unwrap(), 1);

    // Neither a classmate nor the tutor reads it.
    let cy = k.app.signed_in("cy@example.org").await;
    cy.get(&conv).await.assert_status(404);
    assert_eq!(cy.post(&conv, &[("body", "sneaky")]).await.status, 404);
    let tutor = k.app.signed_in("tutor@example.org").await;
    tutor.get(&conv).await.assert_status(404);
    assert!(!tutor.get(&list).await.body.contains("Ada Lovelace, Bo Berg"));
    // Observers do not take part in messages.
    k.app.signed_in("obs@example.org").await.get(&list).await.assert_status(403);

    // The same two people again continue their conversation.
    let r = ada.post(&list, &[("to", &k.bo.to_string()), ("body", "Again")]).await;
    assert_eq!(r.location.as_deref(), Some(conv.as_str()));
    assert_eq!(conversations(&k.app).await, 1);

    // Nobody outside the course, no observer, no empty or oversized message, at most 8 people.
    let before = conversations(&k.app).await;
    let r = ada.post(&list, &[("to", &k.outsider.to_string()), ("body", "hello")]).await;
    r.assert_status(422).assert_contains("only write to members of this course");
    ada.post(&list, &[("to", &k.bo.to_string()), ("body", "   ")]).await.assert_status(422);
    ada.post(&list, &[("body", "to nobody")]).await.assert_status(422);
    let long = "x".repeat(5001);
    ada.post(&list, &[("to", &k.bo.to_string()), ("body", &long)]).await.assert_status(422);
    assert_eq!(conversations(&k.app).await, before);

    // A group conversation of three reaches both others.
    let r =
        ada.post(&list, &[("to", &k.bo.to_string()), ("to", &k.tutor.to_string()), ("body", "Group question")]).await;
    assert!(r.redirects_to(&format!("{list}/")));
    tutor.get(&r.location.unwrap()).await.assert_status(200).assert_contains("Group question");
    assert_eq!(conversations(&k.app).await, 2);
}
both!(only_participants_see_a_conversation);

async fn tutor_turns_student_messages_off(b: Backend) {
    let k = small_class(b, "Messages").await;
    let list = format!("/courses/{}/messages", k.course);
    let ada = k.app.signed_in("ada@example.org").await;
    let conv = ada.post(&list, &[("to", &k.bo.to_string()), ("body", "Before the switch")]).await.location.unwrap();

    let tutor = k.app.signed_in("tutor@example.org").await;
    // Only the tutor has the switch.
    let bo = k.app.signed_in("bo@example.org").await;
    assert_eq!(bo.post(&format!("{list}/settings"), &[("student_messages", "on")]).await.status, 403);
    tutor.post(&format!("{list}/settings"), &[("student_messages", "maybe")]).await.assert_status(400);
    tutor.post(&format!("{list}/settings"), &[("student_messages", "off")]).await;

    let r = ada.post(&list, &[("to", &k.bo.to_string()), ("body", "After the switch")]).await;
    r.assert_status(422).assert_contains("turned off");
    // The old conversation is still there to read, but read-only, with a note.
    let page = ada.get(&conv).await;
    page.assert_status(200).assert_contains("Before the switch").assert_contains("is read-only");
    assert!(!page.body.contains("id=\"reply-body\""));
    ada.post(&conv, &[("body", "Still here?")]).await.assert_status(422);
    // The teaching team is still reachable.
    let r = ada.post(&list, &[("to", &k.tutor.to_string()), ("body", "A question about week 2")]).await;
    assert!(r.redirects_to(&format!("{list}/")), "{r:?}");
    // Back on: the old conversation opens again.
    tutor.post(&format!("{list}/settings"), &[("student_messages", "on")]).await;
    assert!(ada.post(&conv, &[("body", "We're back")]).await.redirects_to(&conv));
}
both!(tutor_turns_student_messages_off);

async fn blocking_stops_messages(b: Backend) {
    let k = small_class(b, "Messages").await;
    let list = format!("/courses/{}/messages", k.course);
    let ada = k.app.signed_in("ada@example.org").await;
    let bo = k.app.signed_in("bo@example.org").await;
    let conv = ada.post(&list, &[("to", &k.bo.to_string()), ("body", "First")]).await.location.unwrap();
    bo.get(&conv).await;
    let notes_before = k.app.count("notifications").await;

    // Bo blocks Ada from the conversation page.
    let r = bo.post(&format!("{list}/block"), &[("user_id", &k.ada.to_string()), ("back", &conv)]).await;
    assert_eq!(r.location.as_deref(), Some(conv.as_str()));
    bo.get(&list).await.assert_contains("Unblock");
    // Ada's new messages do not reach Bo and nobody tells him.
    ada.post(&conv, &[("body", "Are you ignoring me")]).await;
    let page = bo.get(&conv).await;
    page.assert_contains("First");
    assert!(!page.body.contains("ignoring"), "a blocked person's message reached Bo");
    assert_eq!(homeroom::messages::unread_total(k.app.db(), k.course, k.bo).await.unwrap(), 0);
    assert_eq!(k.app.count("notifications").await, notes_before);
    // She cannot start a conversation with him, and he is not offered in her picker.
    let r = ada.post(&list, &[("to", &k.bo.to_string()), ("to", &k.tutor.to_string()), ("body", "New")]).await;
    r.assert_status(422);
    let offered = ada.get(&format!("{list}/people?q=Bo")).await.body;
    assert!(!offered.contains(&format!("\"id\":{}", k.bo)), "{offered}");
    // Blocking oneself or a stranger is refused; blocking twice is harmless.
    bo.post(&format!("{list}/block"), &[("user_id", &k.bo.to_string())]).await.assert_status(400);
    bo.post(&format!("{list}/block"), &[("user_id", &k.outsider.to_string())]).await.assert_status(400);
    assert!(bo.post(&format!("{list}/block"), &[("user_id", &k.ada.to_string())]).await.redirects_to(&list));
    assert_eq!(k.app.count("blocks").await, 1);

    // The list of conversations offers no grid of the class: a link to the composer,
    // and the unblock list; blocking itself starts on a person.
    let page = bo.get(&list).await;
    page.assert_contains(&format!("{list}/new")).assert_contains("Unblock");
    assert!(!page.body.contains("name=\"to\""), "no picker of the whole class");
    let profile = format!("/courses/{}/people/{}", k.course, k.tutor);
    bo.get(&profile).await.assert_contains("Block Tess Tutor");
    let r = bo.post(&format!("{list}/block"), &[("user_id", &k.tutor.to_string()), ("back", &profile)]).await;
    assert_eq!(r.location.as_deref(), Some(profile.as_str()));
    bo.get(&profile).await.assert_contains("Unblock Tess Tutor");
    bo.post(&format!("{list}/unblock"), &[("user_id", &k.tutor.to_string()), ("back", &profile)]).await;
    // Somewhere else entirely is not a way back.
    let r = bo.post(&format!("{list}/unblock"), &[("user_id", &k.tutor.to_string()), ("back", "/admin")]).await;
    assert_eq!(r.location.as_deref(), Some(list.as_str()));

    // Unblocked: new messages reach him again.
    bo.post(&format!("{list}/unblock"), &[("user_id", &k.ada.to_string())]).await;
    ada.post(&conv, &[("body", "Friends again")]).await;
    // Unblocking is taking her back: the conversation shows whole again.
    bo.get(&conv).await.assert_contains("Friends again").assert_contains("ignoring");
}
both!(blocking_stops_messages);

async fn erased_authors_become_former_members(b: Backend) {
    let k = small_class(b, "Messages").await;
    let list = format!("/courses/{}/messages", k.course);
    let ada = k.app.signed_in("ada@example.org").await;
    let conv = ada.post(&list, &[("to", &k.bo.to_string()), ("body", "Remember me")]).await.location.unwrap();
    let export = homeroom::privacy::export_user(k.app.db(), "ada@example.org").await.unwrap();
    assert_eq!(export["tables"]["messages"][0]["body"], "Remember me");
    homeroom::privacy::erase_user(k.app.db(), "ada@example.org").await.unwrap();
    let bo = k.app.signed_in("bo@example.org").await;
    bo.get(&conv).await.assert_status(200).assert_contains("Remember me").assert_contains("Former member");
    assert!(!bo.get(&conv).await.body.contains("Ada Lovelace"));
}
both!(erased_authors_become_former_members);
