//! Live sessions over real WebSockets: join, answer, the tally on every screen, a retry
//! that changes nothing, reconnecting with the state restored, who may connect (another
//! course's member, a bad Origin), junk and oversized messages refused without
//! disturbing others, what students may not see, the page without JavaScript, the
//! summary, and two replicas sharing a session over NATS.

use std::time::Duration;

use futures::{SinkExt, StreamExt};
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

use crate::both;
use crate::support::{Backend, Browser, Class, Options, TestApp, class};

pub(crate) type Ws = tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// A socket as the browser opens it: the session cookie, our Origin.
async fn try_connect(
    b: &Browser,
    course: i64,
    session: i64,
    seen: Option<u64>,
    origin: Option<&str>,
) -> Result<Ws, u16> {
    let q = seen.map(|s| format!("?seen={s}")).unwrap_or_default();
    let url = format!("{}/courses/{course}/live/{session}/socket{q}", b.base.replace("http://", "ws://"));
    let mut req = url.into_client_request().unwrap();
    let base: reqwest::Url = b.base.parse().unwrap();
    if let Some(c) = reqwest::cookie::CookieStore::cookies(&*b.jar, &base) {
        req.headers_mut().insert("cookie", c);
    }
    if let Some(o) = origin {
        req.headers_mut().insert("origin", o.parse().unwrap());
    }
    match tokio_tungstenite::connect_async(req).await {
        Ok((ws, _)) => Ok(ws),
        Err(tokio_tungstenite::tungstenite::Error::Http(r)) => Err(r.status().as_u16()),
        Err(e) => panic!("socket: {e}"),
    }
}

pub(crate) async fn connect(b: &Browser, course: i64, session: i64, seen: Option<u64>) -> Ws {
    try_connect(b, course, session, seen, Some(&b.base)).await.expect("the socket opens")
}

/// The next JSON message, waiting at most a few seconds.
pub(crate) async fn next(ws: &mut Ws) -> Value {
    loop {
        let m = tokio::time::timeout(Duration::from_secs(10), ws.next())
            .await
            .expect("a message within 10 s")
            .expect("the socket is open")
            .expect("a frame");
        if let Message::Text(t) = m {
            return serde_json::from_str(&t).unwrap();
        }
    }
}

/// Read states until one satisfies `pred`.
pub(crate) async fn state_where(ws: &mut Ws, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
    for _ in 0..200 {
        let v = next(ws).await;
        if v["type"] == "state" && pred(&v) {
            return v;
        }
    }
    panic!("no state where {what}");
}

/// Whatever arrives within `ms`, if anything.
async fn quiet(ws: &mut Ws, ms: u64) -> Option<Value> {
    match tokio::time::timeout(Duration::from_millis(ms), ws.next()).await {
        Ok(Some(Ok(Message::Text(t)))) => Some(serde_json::from_str(&t).unwrap()),
        _ => None,
    }
}

pub(crate) async fn send(ws: &mut Ws, v: Value) {
    ws.send(Message::Text(v.to_string().into())).await.unwrap();
}

/// The reply to our own message (states may arrive in between).
pub(crate) async fn reply(ws: &mut Ws) -> Value {
    for _ in 0..200 {
        let v = next(ws).await;
        if v["type"] != "state" {
            return v;
        }
    }
    panic!("no reply");
}

pub(crate) async fn count(app: &TestApp, sql: &str) -> i64 {
    let db = app.db();
    let r = db.query_one_raw(Statement::from_string(db.get_database_backend(), sql)).await.unwrap().unwrap();
    r.try_get("", "n").unwrap()
}

pub(crate) fn id_from(location: &str) -> i64 {
    location.trim_end_matches('/').rsplit('/').next().unwrap().parse().unwrap()
}

/// The tutor plans a session with one step of `kind`, starts it and opens the step.
pub(crate) async fn running(k: &Class, tutor: &Browser, kind: &str, extra: &[(&str, &str)]) -> (i64, i64) {
    let c = k.course;
    let r = tutor
        .post(
            &format!("/courses/{c}/live/new"),
            &[("title", "Week 3"), ("starts_at", "2026-12-08T10:00"), ("video_url", "https://meet.example.org/w3")],
        )
        .await;
    assert!(r.redirects_to(&format!("/courses/{c}/live/")), "{} {:?} {}", r.status, r.location, r.body);
    let s = id_from(r.location.as_deref().unwrap());
    let mut fields = vec![("kind", kind), ("prompt", "One word for your week")];
    fields.extend_from_slice(extra);
    assert!(tutor.post(&format!("/courses/{c}/live/{s}/steps"), &fields).await.redirects_to("/courses"));
    let step = count(&k.app, &format!("SELECT MAX(id) AS n FROM live_steps WHERE session_id = {s}")).await;
    assert!(tutor.post(&format!("/courses/{c}/live/{s}/start"), &[]).await.redirects_to("/courses"));
    assert!(
        tutor
            .post(&format!("/courses/{c}/live/{s}/open"), &[("step", &step.to_string())])
            .await
            .redirects_to("/courses")
    );
    (s, step)
}

async fn join_answer_and_see_the_cloud(b: Backend) {
    let k = class(b, "Live").await;
    let app = &k.app;
    let c = k.course;
    let tutor = app.signed_in("tutor@example.org").await;
    let (s, step) = running(&k, &tutor, "checkin", &[("max_answers", "2")]).await;
    let ada = app.signed_in("ada@example.org").await;
    let bo = app.signed_in("bo@example.org").await;
    let mut t_ws = connect(&tutor, c, s, None).await;
    let mut a_ws = connect(&ada, c, s, None).await;
    let mut b_ws = connect(&bo, c, s, None).await;
    let first = next(&mut a_ws).await;
    assert_eq!(first["type"], "state");
    assert_eq!(first["step"]["id"], step);
    assert_eq!(first["step"]["kind"], "checkin");
    // The tutor sees who is here, by name.
    let here = state_where(&mut t_ws, "three here by name", |v| {
        v["here"] == 3 && v["here_names"].as_array().is_some_and(|a| a.len() == 3)
    })
    .await;
    assert!(here["here_names"].to_string().contains("Ada Lovelace"));

    send(&mut a_ws, json!({ "type": "answer", "ref": 1, "step": step, "words": ["Busy!", " deadlines "] })).await;
    let ack = reply(&mut a_ws).await;
    assert_eq!(ack, json!({ "type": "ack", "ref": 1, "step": step, "changed": true }));
    send(&mut b_ws, json!({ "type": "answer", "ref": 7, "step": step, "words": ["busy", "deadline"] })).await;
    assert_eq!(reply(&mut b_ws).await["changed"], true);
    // Every screen gets the cloud: "Busy!"/"busy" and "deadlines"/"deadline" are one word each.
    for (i, ws) in [&mut t_ws, &mut a_ws, &mut b_ws].into_iter().enumerate() {
        let v = state_where(ws, "two people in the cloud", |v| v["step"]["results"]["people"] == 2).await;
        let words = v["step"]["results"]["words"].as_array().unwrap();
        assert_eq!(words.len(), 2, "{v}");
        assert!(words.iter().all(|w| w["count"] == 2), "{v}");
        assert!(v["step"]["results"]["svg"].as_str().unwrap().contains("<svg"));
        if i == 0 {
            // Staff see each person's answers.
            assert!(v["step"]["results"]["by_person"].to_string().contains("Bo Berg"), "{v}");
        } else {
            // Students see no names unless the tutor shows them.
            assert!(v["step"]["results"].get("by_person").is_none() && v.get("here_names").is_none(), "{v}");
        }
    }
    // A retry changes nothing and makes no event.
    send(&mut a_ws, json!({ "type": "answer", "ref": 2, "step": step, "words": ["Busy!", "deadlines"] })).await;
    assert_eq!(reply(&mut a_ws).await["changed"], false);
    assert_eq!(count(app, &format!("SELECT COUNT(*) AS n FROM live_answers WHERE step_id = {step}")).await, 2);
    // The tutor hides a word: every variant goes from every screen.
    assert!(
        tutor
            .post(&format!("/courses/{c}/live/{s}/hide"), &[("step", &step.to_string()), ("key", "deadline")])
            .await
            .redirects_to("/courses")
    );
    let v = state_where(&mut b_ws, "one word left", |v| {
        v["step"]["results"]["words"].as_array().is_some_and(|w| w.len() == 1)
    })
    .await;
    assert_eq!(v["step"]["results"]["words"][0]["key"], "busy");
    // The page without JavaScript shows the same.
    let page = bo.get(&format!("/courses/{c}/live/{s}")).await;
    page.assert_status(200).assert_contains("One word for your week").assert_contains("data-cloud");
}
both!(join_answer_and_see_the_cloud);

async fn reconnecting_restores_the_state(b: Backend) {
    let k = class(b, "Live").await;
    let app = &k.app;
    let c = k.course;
    let tutor = app.signed_in("tutor@example.org").await;
    let (s, step) = running(&k, &tutor, "checkin", &[]).await;
    let ada = app.signed_in("ada@example.org").await;
    let mut a_ws = connect(&ada, c, s, None).await;
    send(&mut a_ws, json!({ "type": "answer", "ref": 1, "step": step, "words": ["curious"] })).await;
    assert_eq!(reply(&mut a_ws).await["type"], "ack");
    let v = state_where(&mut a_ws, "the answer", |v| v["step"]["results"]["people"] == 1).await;
    let seen = v["seq"].as_u64().unwrap();
    a_ws.close(None).await.unwrap();
    drop(a_ws);
    // Reconnecting as new: a snapshot with the answer in it.
    let mut again = connect(&ada, c, s, None).await;
    let snap = next(&mut again).await;
    assert_eq!(snap["step"]["results"]["words"][0]["label"], "curious", "{snap}");
    assert!(snap["seq"].as_u64().unwrap() >= seen);
    // Reconnecting having seen the newest: nothing old is sent again, new events are.
    let mut up_to_date = connect(&ada, c, s, Some(snap["seq"].as_u64().unwrap())).await;
    let bo = app.signed_in("bo@example.org").await;
    let mut b_ws = connect(&bo, c, s, None).await;
    send(&mut b_ws, json!({ "type": "answer", "ref": 1, "step": step, "words": ["calm"] })).await;
    let v = state_where(&mut up_to_date, "Bo's answer", |v| v["step"]["results"]["people"] == 2).await;
    assert!(v["seq"].as_u64().unwrap() > snap["seq"].as_u64().unwrap());
    // A reconnect from a far-off number gets a snapshot, not an error.
    let mut lost = connect(&ada, c, s, Some(999_999)).await;
    assert_eq!(next(&mut lost).await["type"], "state");
}
both!(reconnecting_restores_the_state);

async fn strangers_and_bad_origins_are_refused(b: Backend) {
    let k = class(b, "Live").await;
    let app = &k.app;
    let c = k.course;
    let tutor = app.signed_in("tutor@example.org").await;
    let (s, _) = running(&k, &tutor, "mood", &[]).await;
    let out = app.signed_in("out@example.org").await;
    assert_eq!(try_connect(&out, c, s, None, Some(&out.base)).await.err(), Some(403), "another course's member");
    assert_eq!(
        try_connect(&app.browser(), c, s, None, Some(&out.base)).await.err(),
        Some(303),
        "anonymous: to sign in"
    );
    let ada = app.signed_in("ada@example.org").await;
    assert_eq!(try_connect(&ada, c, s, None, Some("https://evil.example")).await.err(), Some(403), "bad Origin");
    assert_eq!(try_connect(&ada, c, s, None, None).await.err(), Some(403), "no Origin");
    assert_eq!(try_connect(&ada, c, 999_999, None, Some(&ada.base)).await.err(), Some(404));
    // Another course's session through this course's address: not found.
    let other = count(app, "SELECT id AS n FROM courses WHERE title = 'Elsewhere'").await;
    assert_eq!(try_connect(&ada, other, s, None, Some(&ada.base)).await.err(), Some(403));
    // An observer watches but may not answer.
    let obs = app.signed_in("obs@example.org").await;
    let mut o_ws = connect(&obs, c, s, None).await;
    let st = next(&mut o_ws).await;
    send(&mut o_ws, json!({ "type": "answer", "ref": 3, "step": st["step"]["id"], "mood": 4 })).await;
    assert_eq!(reply(&mut o_ws).await, json!({ "type": "refused", "ref": 3, "reason": "not-allowed" }));
}
both!(strangers_and_bad_origins_are_refused);

async fn junk_is_refused_without_disturbing_others(b: Backend) {
    let k = class(b, "Live").await;
    let app = &k.app;
    let c = k.course;
    let tutor = app.signed_in("tutor@example.org").await;
    let (s, step) = running(&k, &tutor, "poll", &[("options", "Slow\nFine\nFast")]).await;
    let ada = app.signed_in("ada@example.org").await;
    let bo = app.signed_in("bo@example.org").await;
    let cy = app.signed_in("cy@example.org").await;
    let mut a_ws = connect(&ada, c, s, None).await;
    let mut b_ws = connect(&bo, c, s, None).await;
    let mut c_ws = connect(&cy, c, s, None).await;
    send(&mut a_ws, json!("not an object")).await;
    assert_eq!(reply(&mut a_ws).await["reason"], "malformed");
    a_ws.send(Message::Text("{{{".into())).await.unwrap();
    assert_eq!(reply(&mut a_ws).await["reason"], "malformed");
    send(&mut a_ws, json!({ "type": "answer", "ref": 1, "step": step, "choices": [0, 1] })).await;
    assert_eq!(reply(&mut a_ws).await["reason"], "bad-choice", "one choice only");
    send(&mut a_ws, json!({ "type": "answer", "ref": 2, "step": step + 1000, "choices": [0] })).await;
    assert_eq!(reply(&mut a_ws).await["reason"], "not-this-step");
    // Still connected: a good answer goes through.
    send(&mut a_ws, json!({ "type": "answer", "ref": 3, "step": step, "choices": [1] })).await;
    assert_eq!(reply(&mut a_ws).await["changed"], true);
    // An oversized message closes Bo's socket only.
    let big = format!(r#"{{"type":"answer","step":{step},"words":["{}"]}}"#, "x".repeat(20_000));
    let _ = b_ws.send(Message::Text(big.into())).await;
    let closed = tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            match b_ws.next().await {
                None | Some(Err(_)) | Some(Ok(Message::Close(_))) => return true,
                Some(Ok(_)) => continue,
            }
        }
    })
    .await
    .unwrap_or(false);
    assert!(closed, "an oversized message ends that socket");
    send(&mut c_ws, json!({ "type": "answer", "ref": 1, "step": step, "choices": [2] })).await;
    assert_eq!(reply(&mut c_ws).await["changed"], true);
    let v = state_where(&mut a_ws, "Cy's vote", |v| v["step"]["results"]["people"] == 2).await;
    // The poll is hidden from students until the tutor reveals it.
    assert!(v["step"]["results"].get("counts").is_none(), "{v}");
    let mut t_ws = connect(&tutor, c, s, None).await;
    let t = state_where(&mut t_ws, "counts", |v| v["step"]["results"]["counts"].is_array()).await;
    assert_eq!(t["step"]["results"]["counts"], json!([0, 1, 1]));
    assert!(t["step"]["results"].get("by_person").is_none(), "an anonymous poll names nobody, even to staff");
    assert!(
        tutor
            .post(&format!("/courses/{c}/live/{s}/reveal"), &[("step", &step.to_string())])
            .await
            .redirects_to("/courses")
    );
    let v = state_where(&mut a_ws, "revealed", |v| v["step"]["results"]["revealed"] == true).await;
    assert_eq!(v["step"]["results"]["counts"], json!([0, 1, 1]));
    assert_eq!(count(app, "SELECT COUNT(*) AS n FROM live_answers").await, 2);
}
both!(junk_is_refused_without_disturbing_others);

async fn moods_stay_private_and_the_summary_is_kept(b: Backend) {
    let k = class(b, "Live").await;
    let app = &k.app;
    let c = k.course;
    let tutor = app.signed_in("tutor@example.org").await;
    let (s, step) = running(&k, &tutor, "mood", &[]).await;
    let ada = app.signed_in("ada@example.org").await;
    // Without JavaScript: the form posts, the page comes back with the answer.
    let r = ada
        .post(
            &format!("/courses/{c}/live/{s}/answer"),
            &[("step", &step.to_string()), ("mood", "2"), ("word", "tired")],
        )
        .await;
    assert!(r.redirects_to(&format!("/courses/{c}/live/{s}")), "{} {}", r.status, r.body);
    let r = ada.post(&format!("/courses/{c}/live/{s}/answer"), &[("step", &step.to_string()), ("mood", "9")]).await;
    r.assert_status(422).assert_contains("Choose one of the five moods");
    let mut t_ws = connect(&tutor, c, s, None).await;
    let t = next(&mut t_ws).await;
    assert_eq!(t["step"]["results"]["moods"], json!([0, 1, 0, 0, 0]));
    assert!(t["step"]["results"].get("by_person").is_none(), "the session does not allow named moods: {t}");
    assert!(!tutor.get(&format!("/courses/{c}/live/{s}")).await.body.contains("tired"));
    // Ending keeps a summary: who came and the answers; the notes are the tutor's.
    assert!(tutor.post(&format!("/courses/{c}/live/{s}/end"), &[]).await.redirects_to("/courses"));
    assert!(
        tutor
            .post(&format!("/courses/{c}/live/{s}/notes"), &[("notes", "Ada seemed tired; check in.")])
            .await
            .redirects_to("/courses")
    );
    let page = tutor.get(&format!("/courses/{c}/live/{s}")).await;
    page.assert_status(200)
        .assert_contains("Summary")
        .assert_contains("Ada Lovelace")
        .assert_contains("Ada seemed tired");
    let student = ada.get(&format!("/courses/{c}/live/{s}")).await;
    student.assert_status(200).assert_contains("Summary");
    assert!(!student.body.contains("Ada seemed tired"), "notes are staff only");
    // Answering after the end is refused.
    let r = ada.post(&format!("/courses/{c}/live/{s}/answer"), &[("step", &step.to_string()), ("mood", "3")]).await;
    r.assert_status(422);
    // A named-mood session shows staff each mood.
    let r = tutor
        .post(
            &format!("/courses/{c}/live/new"),
            &[("title", "Named"), ("starts_at", "2026-12-08T10:00"), ("mood_named", "on")],
        )
        .await;
    let s2 = id_from(r.location.as_deref().unwrap());
    tutor.post(&format!("/courses/{c}/live/{s2}/steps"), &[("kind", "mood"), ("prompt", "How are you?")]).await;
    let step2 = count(app, &format!("SELECT MAX(id) AS n FROM live_steps WHERE session_id = {s2}")).await;
    tutor.post(&format!("/courses/{c}/live/{s2}/start"), &[]).await;
    tutor.post(&format!("/courses/{c}/live/{s2}/open"), &[("step", &step2.to_string())]).await;
    ada.post(
        &format!("/courses/{c}/live/{s2}/answer"),
        &[("step", &step2.to_string()), ("mood", "5"), ("word", "rested")],
    )
    .await;
    let mut t2 = connect(&tutor, c, s2, None).await;
    let v = next(&mut t2).await;
    assert_eq!(v["step"]["results"]["by_person"][0]["word"], "rested", "{v}");
    let bo = app.signed_in("bo@example.org").await;
    let mut b2 = connect(&bo, c, s2, None).await;
    assert!(next(&mut b2).await["step"]["results"].get("by_person").is_none());
}
both!(moods_stay_private_and_the_summary_is_kept);

async fn forms_explain_every_problem(b: Backend) {
    let k = class(b, "Live").await;
    let c = k.course;
    let tutor = k.app.signed_in("tutor@example.org").await;
    let r = tutor
        .post(
            &format!("/courses/{c}/live/new"),
            &[("title", ""), ("starts_at", "soon"), ("video_url", "javascript:alert(1)")],
        )
        .await;
    r.assert_status(422)
        .assert_contains("Give the session a title")
        .assert_contains("Give a date and time")
        .assert_contains("https://");
    assert!(r.body.contains("value=\"soon\""), "what was typed comes back");
    let (s, _) = running(&k, &tutor, "together", &[]).await;
    let r = tutor
        .post(&format!("/courses/{c}/live/{s}/steps"), &[("kind", "poll"), ("prompt", ""), ("options", "Only one")])
        .await;
    r.assert_status(422).assert_contains("Write the question").assert_contains("at least two options");
    assert!(r.body.contains("Only one"));
    let ada = k.app.signed_in("ada@example.org").await;
    assert_eq!(ada.post(&format!("/courses/{c}/live/{s}/start"), &[]).await.status, 403);
    let list = ada.get(&format!("/courses/{c}/live")).await;
    list.assert_status(200).assert_contains("Live now:").assert_contains("Week 3");
}
both!(forms_explain_every_problem);

async fn two_replicas_share_a_session_over_nats(b: Backend) {
    let k = class(b, "Live").await;
    let a = &k.app;
    let replica = TestApp::spawn_with(
        b,
        Options { database_url: Some(a.state.config.database_url.clone()), ..Default::default() },
    )
    .await;
    // Subjects of this test alone: tests run side by side on one NATS server.
    let prefix = format!("test.{}.{}", std::process::id(), rand::random::<u64>());
    a.state.live.connect_nats("nats://127.0.0.1:4222", &prefix).await.unwrap();
    replica.state.live.connect_nats("nats://127.0.0.1:4222", &prefix).await.unwrap();
    let c = k.course;
    let tutor = a.signed_in("tutor@example.org").await;
    let (s, step) = running(&k, &tutor, "poll", &[("options", "Yes\nNo")]).await;
    let ada = a.signed_in("ada@example.org").await;
    let bo = replica.signed_in("bo@example.org").await;
    let mut a_ws = connect(&ada, c, s, None).await;
    let mut b_ws = connect(&bo, c, s, None).await;
    let mut t_ws = connect(&tutor, c, s, None).await;
    next(&mut b_ws).await;
    // Ada answers on replica A; Bo, on replica B, sees the tally move.
    send(&mut a_ws, json!({ "type": "answer", "ref": 1, "step": step, "choices": [0] })).await;
    assert_eq!(reply(&mut a_ws).await["changed"], true);
    state_where(&mut b_ws, "Ada's vote on the other replica", |v| v["step"]["results"]["people"] == 1).await;
    send(&mut b_ws, json!({ "type": "answer", "ref": 1, "step": step, "choices": [1] })).await;
    assert_eq!(reply(&mut b_ws).await["changed"], true);
    let t = state_where(&mut t_ws, "both votes", |v| v["step"]["results"]["people"] == 2).await;
    assert_eq!(t["step"]["results"]["counts"], json!([1, 1]));
    // Sequence numbers only rise on every screen, whichever replica made the event.
    let mut last = 0;
    while let Some(v) = quiet(&mut a_ws, 300).await {
        if v["type"] == "state" {
            let seq = v["seq"].as_u64().unwrap();
            assert!(seq > last, "{seq} after {last}");
            last = seq;
        }
    }
    // What `/metrics` tells an operator: each replica's own sockets, and events made on
    // one replica relayed to the other's screens.
    let (here, there) = (a.state.live.metrics(), replica.state.live.metrics());
    assert_eq!((here.sockets.get(), there.sockets.get()), (2, 1));
    assert!(here.events_made.get() > 0 && there.events_relayed.get() > 0);
    drop(a_ws);
    for _ in 0..100 {
        if here.sockets.get() == 1 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(here.sockets.get(), 1, "a closed socket is no longer counted");
}
both!(two_replicas_share_a_session_over_nats);

/// The tutor plans a session with one breakout step and starts it (the step not opened).
async fn planned_breakout(k: &Class, tutor: &Browser, extra: &[(&str, &str)]) -> (i64, i64) {
    let c = k.course;
    let r =
        tutor.post(&format!("/courses/{c}/live/new"), &[("title", "Week 5"), ("starts_at", "2026-12-08T10:00")]).await;
    let s = id_from(r.location.as_deref().unwrap());
    let mut fields = vec![("kind", "breakout"), ("prompt", "Plan one small change")];
    fields.extend_from_slice(extra);
    let r = tutor.post(&format!("/courses/{c}/live/{s}/steps"), &fields).await;
    assert!(r.redirects_to("/courses"), "{} {}", r.status, r.body);
    let step = count(&k.app, &format!("SELECT MAX(id) AS n FROM live_steps WHERE session_id = {s}")).await;
    assert!(tutor.post(&format!("/courses/{c}/live/{s}/start"), &[]).await.redirects_to("/courses"));
    (s, step)
}

async fn breakouts_put_everyone_in_a_room(b: Backend) {
    let k = class(b, "Live").await;
    let app = &k.app;
    let c = k.course;
    let tutor = app.signed_in("tutor@example.org").await;
    let (s, step) =
        planned_breakout(&k, &tutor, &[("size", "2"), ("minutes", "10"), ("facilitator", "birthday")]).await;
    let ada = app.signed_in("ada@example.org").await;
    let bo = app.signed_in("bo@example.org").await;
    let cy = app.signed_in("cy@example.org").await;
    let mut t_ws = connect(&tutor, c, s, None).await;
    let mut a_ws = connect(&ada, c, s, None).await;
    let mut b_ws = connect(&bo, c, s, None).await;
    let mut c_ws = connect(&cy, c, s, None).await;
    state_where(&mut t_ws, "four here", |v| v["here"] == 4).await;
    // Planned on the spot for the three students here (the tutor is in no room).
    let r = tutor.post(&format!("/courses/{c}/live/{s}/open"), &[("step", &step.to_string())]).await;
    assert!(r.redirects_to("/courses"), "{} {}", r.status, r.body);
    let rooms = count(app, &format!("SELECT COUNT(*) AS n FROM live_rooms WHERE step_id = {step}")).await;
    assert_eq!(rooms, 1, "three students in rooms of two: one room of three");
    assert_eq!(count(app, &format!("SELECT COUNT(*) AS n FROM live_room_members WHERE step_id = {step}")).await, 3);
    // Each participant's state has their room, its members and its facilitator and why.
    for (ws, me) in [(&mut a_ws, "Ada Lovelace"), (&mut b_ws, "Bo Berg"), (&mut c_ws, "Cy Cole")] {
        let v = state_where(ws, "my room", |v| v["step"]["kind"] == "breakout" && v.get("mine").is_some()).await;
        let mine = &v["mine"];
        assert!(mine["members"].to_string().contains(me), "{v}");
        assert_eq!(mine["members"].as_array().unwrap().len(), 3);
        assert!(mine["facilitator"].is_string(), "{v}");
        assert_eq!(mine["why"], "live-why-birthday");
        assert!(v["step"]["breakout"]["ends_at"].as_i64().unwrap() > 0);
        // Students see no other rooms and no calls.
        assert!(v["step"]["breakout"].get("all").is_none() && v["step"]["breakout"].get("calls").is_none(), "{v}");
    }
    let t =
        state_where(&mut t_ws, "all rooms", |v| v["step"]["breakout"]["all"].as_array().is_some_and(|a| a.len() == 1))
            .await;
    assert!(t.get("mine").is_none(), "the tutor is in no room");
    let ends = t["step"]["breakout"]["ends_at"].as_i64().unwrap();
    // Opening it again keeps the rooms as they are.
    tutor.post(&format!("/courses/{c}/live/{s}/open"), &[("step", &step.to_string())]).await;
    assert_eq!(count(app, &format!("SELECT COUNT(*) AS n FROM live_rooms WHERE step_id = {step}")).await, 1);

    // The tutor broadcasts a message and gives more time: every room sees both.
    let st = step.to_string();
    assert!(
        tutor
            .post(&format!("/courses/{c}/live/{s}/breakout/message"), &[("step", &st), ("message", "Two minutes left")])
            .await
            .redirects_to("/courses")
    );
    assert!(
        tutor
            .post(&format!("/courses/{c}/live/{s}/breakout/extend"), &[("step", &st), ("minutes", "5")])
            .await
            .redirects_to("/courses")
    );
    let v = state_where(&mut b_ws, "message and more time", |v| {
        v["step"]["breakout"]["message"] == "Two minutes left"
            && v["step"]["breakout"]["ends_at"].as_i64() == Some(ends + 5 * 60_000)
    })
    .await;
    assert!(v.get("mine").is_some());
    // A bad extension is explained, and changes nothing.
    let r = tutor.post(&format!("/courses/{c}/live/{s}/breakout/extend"), &[("step", &st), ("minutes", "600")]).await;
    r.assert_status(422).assert_contains("from 1 to 60");

    // Ada calls the tutor (twice: one call); only staff see it.
    for _ in 0..2 {
        assert!(
            ada.post(&format!("/courses/{c}/live/{s}/breakout/call"), &[("step", &st)]).await.redirects_to("/courses")
        );
    }
    assert_eq!(count(app, &format!("SELECT COUNT(*) AS n FROM live_calls WHERE step_id = {step}")).await, 1);
    let t =
        state_where(&mut t_ws, "a call", |v| v["step"]["breakout"]["calls"].as_array().is_some_and(|a| a.len() == 1))
            .await;
    assert_eq!(t["step"]["breakout"]["calls"][0]["name"], "Ada Lovelace");
    assert_eq!(t["step"]["breakout"]["calls"][0]["room"], 1);
    let a = state_where(&mut a_ws, "called", |v| v["mine"]["called"] == true).await;
    assert!(a["step"]["breakout"].get("calls").is_none());
    let page = tutor.get(&format!("/courses/{c}/live/{s}")).await;
    page.assert_status(200).assert_contains("Calls for the tutor").assert_contains("Ada Lovelace");
    let page = bo.get(&format!("/courses/{c}/live/{s}")).await;
    page.assert_status(200)
        .assert_contains("Your room: room 1")
        .assert_contains("Rooms close at")
        .assert_contains("facilitates");
    assert!(!page.body.contains("Calls for the tutor"));
    assert!(
        tutor.post(&format!("/courses/{c}/live/{s}/breakout/clear"), &[("step", &st)]).await.redirects_to("/courses")
    );
    state_where(&mut t_ws, "no calls", |v| v["step"]["breakout"]["calls"].as_array().is_some_and(|a| a.is_empty()))
        .await;

    // Video rooms: a name or a safe link.
    let r = tutor
        .post(&format!("/courses/{c}/live/{s}/breakout/videos"), &[("step", &st), ("videos", "javascript:alert(1)")])
        .await;
    r.assert_status(422);
    assert!(
        tutor
            .post(
                &format!("/courses/{c}/live/{s}/breakout/videos"),
                &[("step", &st), ("videos", "https://meet.example.org/room-1")]
            )
            .await
            .redirects_to("/courses")
    );
    state_where(&mut c_ws, "video", |v| v["mine"]["video"] == "https://meet.example.org/room-1").await;
    // The Zoom file, for staff only.
    let csv = tutor.get(&format!("/courses/{c}/live/{s}/breakout/{step}/zoom")).await;
    csv.assert_status(200).assert_contains("Pre-assign Room Name").assert_contains("Room 1,ada@example.org");
    ada.get(&format!("/courses/{c}/live/{s}/breakout/{step}/zoom")).await.assert_status(403);
    // A member of another course can neither call nor control.
    let out = app.signed_in("out@example.org").await;
    out.post(&format!("/courses/{c}/live/{s}/breakout/call"), &[("step", &st)]).await.assert_status(403);
    ada.post(&format!("/courses/{c}/live/{s}/breakout/message"), &[("step", &st), ("message", "hi")])
        .await
        .assert_status(403);

    // Back together: the main view, and the summary keeps the rooms.
    assert!(tutor.post(&format!("/courses/{c}/live/{s}/open"), &[("step", "0")]).await.redirects_to("/courses"));
    let v = state_where(&mut a_ws, "the lobby", |v| v["step"].is_null()).await;
    assert!(v.get("mine").is_none());
    assert!(tutor.post(&format!("/courses/{c}/live/{s}/end"), &[]).await.redirects_to("/courses"));
    let summary = cy.get(&format!("/courses/{c}/live/{s}")).await;
    summary.assert_status(200).assert_contains("Room 1: ").assert_contains("Ada Lovelace");
    // The rooms are encounter history now: the group engine and the class graph see them.
    let past = homeroom::groups::queries::published(app.db(), c).await.unwrap().groups(None);
    assert!(past.iter().any(|g| g.len() == 3 && g.contains(&k.ada) && g.contains(&k.bo)), "{past:?}");
}
both!(breakouts_put_everyone_in_a_room);

async fn breakouts_from_a_group_round(b: Backend) {
    let k = class(b, "Live").await;
    let app = &k.app;
    let c = k.course;
    let tutor = app.signed_in("tutor@example.org").await;
    let set = crate::groups::make_set(&tutor, c, "breakout", "2", "2").await;
    tutor.post(&format!("/courses/{c}/groups/{set}/publish"), &[]).await;
    let round = count(app, &format!("SELECT MAX(id) AS n FROM group_rounds WHERE group_set_id = {set}")).await;
    // A round of another course's set (or a made-up one) is refused next to the field.
    let r =
        tutor.post(&format!("/courses/{c}/live/new"), &[("title", "Week 6"), ("starts_at", "2026-12-08T10:00")]).await;
    let s = id_from(r.location.as_deref().unwrap());
    let bad = tutor
        .post(&format!("/courses/{c}/live/{s}/steps"), &[("kind", "breakout"), ("prompt", "x"), ("round", "999999")])
        .await;
    bad.assert_status(422).assert_contains("round-error");
    let r = tutor
        .post(
            &format!("/courses/{c}/live/{s}/steps"),
            &[("kind", "breakout"), ("prompt", "Round two"), ("round", &round.to_string())],
        )
        .await;
    assert!(r.redirects_to("/courses"));
    let step = count(app, &format!("SELECT MAX(id) AS n FROM live_steps WHERE session_id = {s}")).await;
    tutor.post(&format!("/courses/{c}/live/{s}/start"), &[]).await;
    let ada = app.signed_in("ada@example.org").await;
    let mut a_ws = connect(&ada, c, s, None).await;
    assert!(
        tutor
            .post(&format!("/courses/{c}/live/{s}/open"), &[("step", &step.to_string())])
            .await
            .redirects_to("/courses")
    );
    // The round's groups, as planned (people not here included: they may still come).
    let groups = count(app, &format!("SELECT COUNT(*) AS n FROM course_groups WHERE round_id = {round}")).await;
    assert_eq!(count(app, &format!("SELECT COUNT(*) AS n FROM live_rooms WHERE step_id = {step}")).await, groups);
    let v = state_where(&mut a_ws, "my room", |v| v.get("mine").is_some()).await;
    assert!(v["mine"]["members"].to_string().contains("Ada Lovelace"), "{v}");
}
both!(breakouts_from_a_group_round);

async fn latecomers_get_a_room(b: Backend) {
    let k = class(b, "Live").await;
    let app = &k.app;
    let c = k.course;
    let course = <homeroom::db::entity::course::Entity as sea_orm::EntityTrait>::find_by_id(c)
        .one(app.db())
        .await
        .unwrap()
        .unwrap();
    for (email, name) in
        [("dee@example.org", "Dee Dahl"), ("eve@example.org", "Eve Eze"), ("fay@example.org", "Fay Fox")]
    {
        let u = app.user(email, name).await;
        app.enrol(&course, &u, homeroom::policy::Role::Student).await;
    }
    let tutor = app.signed_in("tutor@example.org").await;
    let mut b = vec![];
    for n in ["ada", "bo", "cy", "dee", "eve", "fay"] {
        b.push(app.signed_in(&format!("{n}@example.org")).await);
    }
    let [ada, bo, cy, dee, eve, fay] = <[Browser; 6]>::try_from(b).ok().unwrap();
    let cy_id = count(app, "SELECT id AS n FROM users WHERE email = 'cy@example.org'").await;

    // An earlier breakout: Cy met Ada.
    let (s1, step1) = planned_breakout(&k, &tutor, &[("size", "2"), ("minutes", "10")]).await;
    let mut t1 = connect(&tutor, c, s1, None).await;
    let _a1 = connect(&ada, c, s1, None).await;
    let _c1 = connect(&cy, c, s1, None).await;
    state_where(&mut t1, "three here", |v| v["here"] == 3).await;
    assert!(
        tutor
            .post(&format!("/courses/{c}/live/{s1}/open"), &[("step", &step1.to_string())])
            .await
            .redirects_to("/courses")
    );
    assert!(tutor.post(&format!("/courses/{c}/live/{s1}/end"), &[]).await.redirects_to("/courses"));

    // Today: four students here, two rooms of two; Cy and Fay come late.
    let (s, step) =
        planned_breakout(&k, &tutor, &[("size", "2"), ("minutes", "10"), ("facilitator", "birthday")]).await;
    let mut t_ws = connect(&tutor, c, s, None).await;
    let mut on_time = vec![];
    for who in [&ada, &bo, &dee, &eve] {
        on_time.push(connect(who, c, s, None).await);
    }
    state_where(&mut t_ws, "five here", |v| v["here"] == 5).await;
    assert!(
        tutor
            .post(&format!("/courses/{c}/live/{s}/open"), &[("step", &step.to_string())])
            .await
            .redirects_to("/courses")
    );
    let members = |step: i64| format!("SELECT COUNT(*) AS n FROM live_room_members WHERE step_id = {step}");
    assert_eq!(count(app, &members(step)).await, 4);
    assert_eq!(count(app, &format!("SELECT COUNT(*) AS n FROM live_rooms WHERE step_id = {step}")).await, 2);

    // Cy arrives: a room at once, on Cy's screen, and not the one with Ada (they have met).
    let mut c_ws = connect(&cy, c, s, None).await;
    let v = state_where(&mut c_ws, "Cy's room", |v| v.get("mine").is_some()).await;
    let names = v["mine"]["members"].to_string();
    assert!(names.contains("Cy Cole") && !names.contains("Ada Lovelace"), "{v}");
    assert_eq!(v["mine"]["members"].as_array().unwrap().len(), 3);
    assert!(v["mine"]["facilitator"].is_string() && v["step"]["breakout"]["ends_at"].as_i64().is_some(), "{v}");
    let cy_room = v["mine"]["number"].clone();
    // The tutor sees Cy in that room; so do Cy's room mates.
    state_where(&mut t_ws, "Cy in a room", |v| {
        v["step"]["breakout"]["all"]
            .as_array()
            .is_some_and(|a| a.iter().any(|r| r["number"] == cy_room && r["members"].to_string().contains("Cy Cole")))
    })
    .await;
    assert_eq!(count(app, &members(step)).await, 5);

    // Cy reconnects (and opens a second tab): the same room, stored once.
    drop(c_ws);
    let mut c_ws = connect(&cy, c, s, None).await;
    let _c_tab = connect(&cy, c, s, None).await;
    let v = state_where(&mut c_ws, "Cy's room again", |v| v.get("mine").is_some()).await;
    assert_eq!(v["mine"]["number"], cy_room);
    assert_eq!(count(app, &members(step)).await, 5);
    // Staff and observers joining late are in no room.
    let obs = app.signed_in("obs@example.org").await;
    let mut o_ws = connect(&obs, c, s, None).await;
    let v = state_where(&mut o_ws, "the breakout", |v| v["step"]["kind"] == "breakout").await;
    assert!(v.get("mine").is_none(), "{v}");
    assert_eq!(count(app, &members(step)).await, 5);

    // Fay arrives without JavaScript: the page seats her in the smaller room and shows it.
    let page = fay.get(&format!("/courses/{c}/live/{s}")).await;
    page.assert_status(200).assert_contains("Your room: room");
    assert_eq!(count(app, &members(step)).await, 6);
    let sizes = count(
        app,
        &format!("SELECT MAX(n) - MIN(n) AS n FROM (SELECT COUNT(*) AS n FROM live_room_members WHERE step_id = {step} GROUP BY room_id) x"),
    )
    .await;
    assert_eq!(sizes, 0, "rooms of three and three");
    state_where(&mut t_ws, "Fay in a room", |v| v["step"]["breakout"]["all"].to_string().contains("Fay Fox")).await;

    // Both latecomers are encounter history now.
    let past = homeroom::groups::queries::published(app.db(), c).await.unwrap().groups(None);
    assert!(past.iter().any(|g| g.len() == 3 && g.contains(&cy_id) && !g.contains(&k.ada)), "{past:?}");
}
both!(latecomers_get_a_room);
