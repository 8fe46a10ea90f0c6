//! Many answers at once (issue 14's load, in miniature). A session makes one event at a
//! time and changes arriving meanwhile go in the next, so the last state counts everyone
//! exactly once and equals the database; the numbers only rise on a screen; retries all
//! at once change nothing; and a socket arriving afterwards (given the newest event held
//! in memory, not a read of the class) is first sent the same. An answer to a step no
//! longer open is refused, whatever the process remembers of it.

use futures::future::join_all;
use sea_orm::EntityTrait;
use serde_json::json;

use crate::both;
use crate::live::{Ws, connect, count, next, reply, running, send, state_where};
use crate::support::{Backend, class};
use homeroom::db::entity::course;
use homeroom::live::answer_writer::{Answer, Writer};
use homeroom::policy::Role;

const N: usize = 12;

/// Every socket answers at once; the replies, in socket order.
async fn all_answer(sockets: &mut [Ws], step: i64) -> Vec<serde_json::Value> {
    join_all(sockets.iter_mut().enumerate().map(|(i, ws)| async move {
        send(ws, json!({ "type": "answer", "ref": 1, "step": step, "choices": [i % 3] })).await;
        reply(ws).await
    }))
    .await
}

async fn a_burst_of_answers_is_counted_once_each(b: Backend) {
    let k = class(b, "Live").await;
    let app = &k.app;
    let c = k.course;
    let course = course::Entity::find_by_id(c).one(app.db()).await.unwrap().unwrap();
    let tutor = app.signed_in("tutor@example.org").await;
    let (s, step) = running(&k, &tutor, "poll", &[("options", "Yes\nNo\nMaybe")]).await;
    let mut t_ws = connect(&tutor, c, s, None).await;
    let mut sockets = vec![];
    for i in 0..N {
        let email = format!("burst{i:02}@example.org");
        let u = app.user(&email, &format!("Burst {i:02}")).await;
        app.enrol(&course, &u, Role::Student).await;
        sockets.push(connect(&app.signed_in(&email).await, c, s, None).await);
    }
    let replies = all_answer(&mut sockets, step).await;
    assert!(replies.iter().all(|r| r["type"] == "ack" && r["changed"] == true), "{replies:?}");
    // The tutor's screen: numbers and tallies only rise, up to everyone, never past.
    let (mut seq, mut people) = (0, 0);
    let last = loop {
        let v = next(&mut t_ws).await;
        if v["type"] != "state" {
            continue;
        }
        let (s, p) = (v["seq"].as_u64().unwrap(), v["step"]["results"]["people"].as_u64().unwrap());
        assert!(s > seq && p >= people && p <= N as u64, "seq {s} after {seq}, {p} people after {people}");
        (seq, people) = (s, p);
        if p == N as u64 {
            break v;
        }
    };
    let expected: Vec<usize> = (0..3).map(|o| (0..N).filter(|i| i % 3 == o).count()).collect();
    assert_eq!(last["step"]["results"]["counts"], json!(expected), "{last}");
    let stored = format!("SELECT COUNT(*) AS n FROM live_answers WHERE step_id = {step}");
    assert_eq!(count(app, &stored).await, N as i64);
    // The same answers again, all at once: nothing changes, nothing is counted twice.
    let replies = all_answer(&mut sockets, step).await;
    assert!(replies.iter().all(|r| r["type"] == "ack" && r["changed"] == false), "{replies:?}");
    assert_eq!(count(app, &stored).await, N as i64);
    // Someone arriving now is first sent a state that counts everyone.
    let ada = app.signed_in("ada@example.org").await;
    let mut ws = connect(&ada, c, s, None).await;
    let v = state_where(&mut ws, "a first state", |_| true).await;
    assert_eq!(v["step"]["results"]["people"], N, "{v}");
    assert!(v["seq"].as_u64().unwrap() >= seq);
}
both!(a_burst_of_answers_is_counted_once_each);

/// An answer is stored by one statement that checks the step is open, with the step's
/// kind remembered from its first answer: once the tutor moves on, or ends the session,
/// an answer to the old step is refused and the stored one stays as it was.
async fn an_answer_to_a_step_no_longer_open_is_refused(b: Backend) {
    let k = class(b, "Live").await;
    let app = &k.app;
    let c = k.course;
    let tutor = app.signed_in("tutor@example.org").await;
    let (s, first) = running(&k, &tutor, "poll", &[("options", "Yes\nNo")]).await;
    let ada = app.signed_in("ada@example.org").await;
    let mut ws = connect(&ada, c, s, None).await;
    send(&mut ws, json!({ "type": "answer", "ref": 1, "step": first, "choices": [0] })).await;
    assert_eq!(reply(&mut ws).await["changed"], true);
    let body = format!("SELECT COUNT(*) AS n FROM live_answers WHERE step_id = {first} AND body = '[0]'");
    assert_eq!(count(app, &body).await, 1);
    let fields = [("kind", "poll"), ("prompt", "And now?"), ("options", "Up\nDown")];
    assert!(tutor.post(&format!("/courses/{c}/live/{s}/steps"), &fields).await.redirects_to("/courses"));
    let second = count(app, &format!("SELECT MAX(id) AS n FROM live_steps WHERE session_id = {s}")).await;
    let open = tutor.post(&format!("/courses/{c}/live/{s}/open"), &[("step", &second.to_string())]).await;
    assert!(open.redirects_to("/courses"));
    send(&mut ws, json!({ "type": "answer", "ref": 2, "step": first, "choices": [1] })).await;
    assert_eq!(reply(&mut ws).await["reason"], "not-this-step");
    assert_eq!(count(app, &body).await, 1, "the first step's answer is unchanged");
    send(&mut ws, json!({ "type": "answer", "ref": 3, "step": second, "choices": [1] })).await;
    assert_eq!(reply(&mut ws).await["changed"], true);
    assert!(tutor.post(&format!("/courses/{c}/live/{s}/end"), &[]).await.redirects_to("/courses"));
    send(&mut ws, json!({ "type": "answer", "ref": 4, "step": second, "choices": [0] })).await;
    assert_eq!(reply(&mut ws).await["reason"], "not-running");
    let mine = format!("SELECT COUNT(*) AS n FROM live_answers WHERE step_id = {second} AND body = '[1]'");
    assert_eq!(count(app, &mine).await, 1);
}
both!(an_answer_to_a_step_no_longer_open_is_refused);

/// Answers arriving together are committed together (one transaction for many, so a
/// class answering at once costs a few commits, not one each), and each answerer still
/// hears about their own: a repeat is `false`, and an answer the database refuses (here
/// from someone who does not exist) fails alone while the rest of its batch is stored;
/// two answers of one person in a batch are both kept in order.
async fn answers_arriving_together_are_committed_together(b: Backend) {
    let k = class(b, "Live").await;
    let app = &k.app;
    let tutor = app.signed_in("tutor@example.org").await;
    let (s, step) = running(&k, &tutor, "poll", &[("options", "Yes\nNo")]).await;
    let mut people = vec![];
    for i in 0..40 {
        people.push(app.user(&format!("batch{i:02}@example.org"), &format!("Batch {i:02}")).await.id);
    }
    let writer = Writer::start(app.db().clone(), Default::default());
    let answer = |user_id: i64, choice: usize| Answer {
        course_id: k.course,
        session_id: s,
        step_id: step,
        user_id,
        body: format!("[{choice}]"),
        at: 1,
    };
    let first = join_all(people.iter().map(|&u| writer.save(answer(u, 0)))).await;
    assert!(first.iter().all(|r| matches!(r, Ok(true))), "{first:?}");
    let batches = writer.batches();
    assert!((1..40).contains(&batches), "40 answers at once took {batches} batches");

    // The same again with one change, one repeat per person and a stranger among them.
    let mut again: Vec<Answer> = people.iter().map(|&u| answer(u, 0)).collect();
    again[7].body = "[1]".into();
    again.insert(20, answer(i64::MAX, 1));
    let replies = join_all(again.into_iter().map(|a| writer.save(a))).await;
    assert!(replies[20].is_err(), "an answer from nobody is refused: {:?}", replies[20]);
    let changed: Vec<usize> = (0..replies.len()).filter(|&i| matches!(replies[i], Ok(true))).collect();
    assert_eq!(changed, vec![7], "{replies:?}");
    let stored = format!("SELECT COUNT(*) AS n FROM live_answers WHERE step_id = {step}");
    assert_eq!(count(app, &stored).await, 40);
    let moved = format!("SELECT COUNT(*) AS n FROM live_answers WHERE step_id = {step} AND body = '[1]'");
    assert_eq!(count(app, &moved).await, 1);

    // Everyone changes their mind twice at once: both answers of a person may share a
    // batch, the later one wins, and the batch is still written together.
    let before = writer.batches();
    let twice: Vec<Answer> = people.iter().flat_map(|&u| [answer(u, 1), answer(u, 0)]).collect();
    let replies = join_all(twice.into_iter().map(|a| writer.save(a))).await;
    let unchanged: Vec<usize> = (0..replies.len()).filter(|&i| !matches!(replies[i], Ok(true))).collect();
    assert_eq!(unchanged, vec![14], "only person 7's first answer repeats theirs: {replies:?}");
    assert!(writer.batches() > before, "answers to one step by one person broke their batch");
    let back = format!("SELECT COUNT(*) AS n FROM live_answers WHERE step_id = {step} AND body = '[0]'");
    assert_eq!(count(app, &back).await, 40);
}
both!(answers_arriving_together_are_committed_together);
