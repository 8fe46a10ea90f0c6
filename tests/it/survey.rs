//! The start-of-course survey: building from the template, the builder, opening and
//! closing by date, answering and editing, validation, results, CSV, profile consent,
//! the start-up kit, and who may see what.

use crate::both;
use crate::support::{Backend, Browser, TestApp};
use homeroom::policy::Role;
use homeroom::survey::rules::{AnswerValue, Tenths};
use sea_orm::{ConnectionTrait, Statement};

async fn qid(app: &TestApp, course_id: i64, key: &str) -> String {
    let sql = format!(
        "SELECT q.id AS id FROM survey_questions q JOIN surveys s ON s.id = q.survey_id \
         WHERE s.course_id = {course_id} AND q.key = '{key}'"
    );
    let row = app
        .db()
        .query_one_raw(Statement::from_string(app.db().get_database_backend(), sql))
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no question {key}"));
    row.try_get::<i64>("", "id").unwrap().to_string()
}

async fn keys(app: &TestApp, course_id: i64) -> Vec<String> {
    let sql = format!(
        "SELECT q.key AS k FROM survey_questions q JOIN surveys s ON s.id = q.survey_id \
         WHERE s.course_id = {course_id} ORDER BY q.position, q.id"
    );
    app.db()
        .query_all_raw(Statement::from_string(app.db().get_database_backend(), sql))
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get::<String>("", "k").unwrap())
        .collect()
}

struct Class {
    app: TestApp,
    course: i64,
    tutor: Browser,
    ada: Browser,
    bo: Browser,
}

/// A course with a tutor, two students (Ada, Bo), an observer and an outsider.
async fn class(b: Backend) -> Class {
    let app = TestApp::spawn(b).await;
    let t = app.user("tutor@example.org", "Tess Tutor").await;
    let c = app.course("Survey course", &t).await;
    for (email, name, role) in [
        ("ada@example.org", "Ada Able", Role::Student),
        ("bo@example.org", "Bo Berg", Role::Student),
        ("olly@example.org", "Olly Observer", Role::Observer),
    ] {
        let u = app.user(email, name).await;
        app.enrol(&c, &u, role).await;
    }
    let t2 = app.user("other@example.org", "Other Tutor").await;
    let other = app.course("Other course", &t2).await;
    let out = app.user("out@example.org", "Otto Outsider").await;
    app.enrol(&other, &out, Role::Student).await;
    let tutor = app.signed_in("tutor@example.org").await;
    let ada = app.signed_in("ada@example.org").await;
    let bo = app.signed_in("bo@example.org").await;
    Class { course: c.id, app, tutor, ada, bo }
}

/// Start from the template and open it (opened in the past, closing far ahead).
async fn open_template(k: &Class) -> String {
    let path = format!("/courses/{}/survey", k.course);
    assert!(k.tutor.post(&format!("{path}/create"), &[("from", "template")]).await.redirects_to(&path));
    let r = k
        .tutor
        .post(&format!("{path}/schedule"), &[("opens", "2020-01-01T09:00"), ("closes", "2099-12-31T17:00")])
        .await;
    assert!(r.redirects_to(&path), "{r:?}");
    path
}

/// A full, valid answer to the template.
async fn good_answers(k: &Class, goals: &str, share: bool) -> Vec<(String, String)> {
    let (app, c) = (&k.app, k.course);
    let mut f = vec![
        (format!("q_{}", qid(app, c, "goals").await), goals.to_string()),
        (format!("q_{}", qid(app, c, "interests").await), "maps, choirs".to_string()),
        (format!("q_{}", qid(app, c, "communication").await), "Email".to_string()),
        (format!("q_{}", qid(app, c, "communication").await), "Video calls".to_string()),
        (format!("q_{}", qid(app, c, "work_style").await), "It depends on the task".to_string()),
        (format!("q_{}", qid(app, c, "confidence").await), "4".to_string()),
        (format!("h_{}_0", qid(app, c, "hours_per_week").await), "3".to_string()),
        (format!("h_{}_1", qid(app, c, "hours_per_week").await), "2".to_string()),
    ];
    if share {
        f.push((format!("share_{}", qid(app, c, "goals").await), "1".to_string()));
    }
    f
}

fn pairs(f: &[(String, String)]) -> Vec<(&str, &str)> {
    f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

async fn template_answering_editing_and_results(b: Backend) {
    let k = class(b).await;
    let path = format!("/courses/{}/survey", k.course);
    k.tutor.get(&path).await.assert_status(200).assert_contains("Start from the template");
    k.ada.get(&path).await.assert_status(200).assert_contains("There is no survey in this course yet.");
    k.tutor.post(&format!("{path}/create"), &[("from", "template")]).await;
    assert_eq!(
        keys(&k.app, k.course).await,
        [
            "goals",
            "interests",
            "communication",
            "work_style",
            "confidence",
            "expect_course",
            "expect_each_other",
            "hours_per_week"
        ]
    );
    // A second click makes no second survey.
    k.tutor.post(&format!("{path}/create"), &[("from", "template")]).await;
    assert_eq!(k.app.count("surveys").await, 1);

    // A draft: students see no form and cannot answer.
    let draft = k.ada.get(&path).await;
    draft.assert_contains("still a draft");
    assert!(!draft.body.contains("Send my answers"));
    let goals = qid(&k.app, k.course, "goals").await;
    k.ada.post(&path, &[(&format!("q_{goals}"), "x")]).await.assert_status(400);

    // Opening in the future: still no answers.
    k.tutor.post(&format!("{path}/schedule"), &[("opens", "2099-01-01T09:00"), ("closes", "")]).await;
    k.ada.get(&path).await.assert_contains("The survey opens on");
    k.ada.post(&path, &pairs(&good_answers(&k, "Learn", false).await)).await.assert_status(400);
    // Closing before opening is refused with a reason.
    k.tutor
        .post(&format!("{path}/schedule"), &[("opens", "2026-09-02T09:00"), ("closes", "2026-09-01T09:00")])
        .await
        .assert_status(422)
        .assert_contains("must close after it opens");
    k.tutor.post(&format!("{path}/schedule"), &[("opens", "2020-01-01T09:00"), ("closes", "2099-12-31T17:00")]).await;
    let open = k.ada.get(&path).await;
    open.assert_contains("The survey is open until").assert_contains("Send my answers");
    open.assert_contains("What do you hope to get out of this course?").assert_contains("1 – Not confident yet");

    // A bad submission: every problem named, what was typed kept, nothing saved.
    let comm = qid(&k.app, k.course, "communication").await;
    let conf = qid(&k.app, k.course, "confidence").await;
    let hours = qid(&k.app, k.course, "hours_per_week").await;
    let interests = qid(&k.app, k.course, "interests").await;
    let bad = k
        .ada
        .post(
            &path,
            &[
                (&format!("q_{interests}"), "tea & <b>maps</b>"),
                (&format!("q_{comm}"), "Carrier pigeon"),
                (&format!("q_{conf}"), "7"),
                (&format!("h_{hours}_0"), "200"),
            ],
        )
        .await;
    bad.assert_status(422)
        .assert_contains("4 answers need another look")
        .assert_contains("This question needs an answer.")
        .assert_contains("Please pick from the choices given.")
        .assert_contains("Please pick a number from 1 to 5.")
        .assert_contains("Please give hours from 0 to 168")
        .assert_contains("value=\"tea &#38; &#60;b&#62;maps&#60;/b&#62;\"")
        .assert_contains("value=\"200\"");
    assert_eq!(k.app.count("survey_responses").await, 0);
    assert_eq!(k.app.count("survey_answers").await, 0);

    // A good one, then an edit: one response, the new words.
    let r = k.ada.post(&path, &pairs(&good_answers(&k, "Meet colleagues", false).await)).await;
    assert!(r.redirects_to(&path), "{r:?}");
    k.ada.get(&path).await.assert_contains("Thank you! Your answers are saved.").assert_contains("Meet colleagues");
    k.ada.post(&path, &pairs(&good_answers(&k, "Design a blended course", false).await)).await;
    assert_eq!(k.app.count("survey_responses").await, 1);
    let page = k.ada.get(&path).await;
    page.assert_contains("Design a blended course").assert_contains("Save my changes");
    assert!(!page.body.contains("Meet colleagues"));
    let mut bo = good_answers(&k, "Good habits", false).await;
    bo.retain(|(key, _)| !key.starts_with(&format!("q_{conf}")));
    bo.push((format!("q_{conf}"), "2".into()));
    k.bo.post(&path, &pairs(&bo)).await;

    // Results: counts, bars, medians, names; the per-student page; the kit count.
    let res = k.tutor.get(&format!("{path}/results")).await;
    res.assert_status(200)
        .assert_contains("2 of 2 students have answered.")
        .assert_contains("<span class=\"bar-label\">Email</span><svg class=\"bar\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" aria-hidden=\"true\" focusable=\"false\"><rect width=\"100\" height=\"10\"></rect></svg><span class=\"bar-value\">2 (100 %)</span>")
        .assert_contains("<span class=\"bar-label\">Chat messages</span><svg class=\"bar\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" aria-hidden=\"true\" focusable=\"false\"><rect width=\"0\" height=\"10\"></rect></svg>")
        .assert_contains("Median: 3")
        .assert_contains("<tr><td>Weekdays, daytime</td><td>3</td></tr>")
        .assert_contains("Design a blended course")
        .assert_contains("Everyone has answered");
    let ada_id = res.body.split("/survey/results/").nth(1).unwrap().split('"').next().unwrap().to_string();
    k.tutor
        .get(&format!("{path}/results/{ada_id}"))
        .await
        .assert_status(200)
        .assert_contains("Ada Able")
        .assert_contains("Video calls; Email");
    // Every free-text answer to a question, a page at a time; choice questions have none.
    let goals = qid(&k.app, k.course, "goals").await;
    let texts = k.tutor.get(&format!("{path}/results/questions/{goals}")).await;
    texts.assert_status(200).assert_contains("Design a blended course").assert_contains("Good habits");
    k.tutor.get(&format!("{path}/results/questions/{conf}")).await.assert_status(404);
    k.ada.get(&format!("{path}/results/questions/{goals}")).await.assert_status(403);
    let home = k.tutor.get(&format!("/courses/{}", k.course)).await;
    home.assert_contains("Start-of-course survey from the template").assert_contains("2 of 2 students have taken part");

    // Students never see results, and observers or outsiders cannot answer.
    k.ada.get(&format!("{path}/results")).await.assert_status(403);
    k.ada.get(&format!("{path}/results.csv")).await.assert_status(403);
    k.ada.get(&format!("{path}/results/{ada_id}")).await.assert_status(403);
    let olly = k.app.signed_in("olly@example.org").await;
    let seen = olly.get(&path).await;
    seen.assert_status(200);
    assert!(!seen.body.contains("Design a blended course") && !seen.body.contains("Send my answers"));
    olly.post(&path, &pairs(&good_answers(&k, "x", false).await)).await.assert_status(403);
    let otto = k.app.signed_in("out@example.org").await;
    otto.get(&path).await.assert_status(403);
    otto.post(&path, &pairs(&good_answers(&k, "x", false).await)).await.assert_status(403);
    // Bo's page shows Bo's answers only.
    assert!(!k.bo.get(&path).await.body.contains("Design a blended course"));

    // Closed: read-only, and a late change is refused and changes nothing.
    k.tutor.post(&format!("{path}/schedule"), &[("opens", "2020-01-01T09:00"), ("closes", "2021-01-01T09:00")]).await;
    let closed = k.ada.get(&path).await;
    closed
        .assert_contains("The survey closed on")
        .assert_contains("Your answers")
        .assert_contains("Design a blended course");
    assert!(!closed.body.contains("Save my changes"));
    k.ada.post(&path, &pairs(&good_answers(&k, "Too late", false).await)).await.assert_status(400);
    assert!(k.ada.get(&path).await.body.contains("Design a blended course"));
    // With answers in, the survey cannot go back to draft.
    k.tutor.post(&format!("{path}/schedule"), &[("action", "draft")]).await.assert_status(400);
}
both!(template_answering_editing_and_results);

async fn the_builder_and_each_question_type(b: Backend) {
    let k = class(b).await;
    let path = format!("/courses/{}/survey", k.course);
    k.tutor.post(&format!("{path}/create"), &[("from", "empty")]).await;
    k.tutor.get(&path).await.assert_contains("No questions yet.");
    // Publishing needs a question.
    k.tutor
        .post(&format!("{path}/schedule"), &[("opens", "2020-01-01T09:00"), ("closes", "")])
        .await
        .assert_status(400);
    let add = |kind: &'static str, prompt: &'static str, options: &'static str, required: bool| {
        let mut f = vec![("kind", kind), ("prompt", prompt), ("options", options), ("help", "")];
        if required {
            f.push(("required", "1"));
        }
        f
    };
    for f in [
        add("short_text", "Your town?", "", true),
        add("long_text", "Tell us more", "", false),
        add("single_choice", "Tea or coffee?", "Tea\nCoffee", true),
        add("multiple_choice", "Which days?", "Mon\nTue\nWed", false),
        add("scale", "How busy are you?", "Calm\nSwamped", true),
        add("hours", "Hours for the course", "Mornings\nEvenings", false),
    ] {
        let r = k.tutor.post(&format!("{path}/questions"), &f).await;
        assert!(r.redirects_to(&path), "{f:?}: {r:?}");
    }
    // A question the builder cannot accept comes back with what was typed.
    k.tutor
        .post(&format!("{path}/questions"), &add("single_choice", "Only one way?", "Yes", true))
        .await
        .assert_status(422)
        .assert_contains("between 2 and 20 different choices")
        .assert_contains("value=\"Only one way?\"");
    assert_eq!(
        keys(&k.app, k.course).await,
        ["your_town", "tell_us_more", "tea_or_coffee", "which_days", "how_busy_are_you", "hours_for_the_course"]
    );
    // Reorder, edit (the key stays), delete.
    let town = qid(&k.app, k.course, "your_town").await;
    k.tutor.post(&format!("{path}/questions/{town}/move"), &[("direction", "down")]).await;
    k.tutor.post(&format!("{path}/questions/{town}/move"), &[("direction", "up")]).await;
    k.tutor.post(&format!("{path}/questions/{town}/move"), &[("direction", "up")]).await;
    assert_eq!(keys(&k.app, k.course).await[0], "your_town", "the first stays first");
    let more = qid(&k.app, k.course, "tell_us_more").await;
    k.tutor.post(&format!("{path}/questions/{more}/move"), &[("direction", "up")]).await;
    assert_eq!(keys(&k.app, k.course).await[..2], ["tell_us_more", "your_town"]);
    k.tutor
        .post(
            &format!("{path}/questions/{town}"),
            &[
                ("kind", "short_text"),
                ("prompt", "Your town or village?"),
                ("required", "1"),
                ("profile_field", "about"),
            ],
        )
        .await;
    // The builder never shows the internal key (it stays `your_town` for later capabilities).
    let builder = k.tutor.get(&path).await;
    builder.assert_contains("Your town or village?");
    assert!(!builder.body.contains("your_town"), "the survey builder shows an internal key");
    k.tutor
        .post(&format!("{path}/questions/{town}"), &[("kind", "scale"), ("prompt", "x"), ("profile_field", "about")])
        .await
        .assert_status(422)
        .assert_contains("Only text and choice answers can be shown on a profile.");
    k.tutor.post(&format!("{path}/questions/{more}/delete"), &[]).await;
    assert_eq!(keys(&k.app, k.course).await.len(), 5);
    // Students may not build.
    k.ada.post(&format!("{path}/questions"), &add("short_text", "Mine?", "", false)).await.assert_status(403);

    k.tutor.post(&format!("{path}/schedule"), &[("opens", "2020-01-01T09:00"), ("closes", "")]).await;
    // Published: the questions are fixed.
    k.tutor.post(&format!("{path}/questions"), &add("short_text", "Late?", "", false)).await.assert_status(400);
    k.tutor.post(&format!("{path}/questions/{town}/delete"), &[]).await.assert_status(400);

    let tea = qid(&k.app, k.course, "tea_or_coffee").await;
    let days = qid(&k.app, k.course, "which_days").await;
    let busy = qid(&k.app, k.course, "how_busy_are_you").await;
    let hours = qid(&k.app, k.course, "hours_for_the_course").await;
    let long = "x".repeat(201);
    // Each type's rule, one at a time, on top of otherwise good answers.
    let base = [
        (format!("q_{town}"), "Bergen".to_string()),
        (format!("q_{tea}"), "Tea".to_string()),
        (format!("q_{busy}"), "3".to_string()),
    ];
    let cases: Vec<((String, String), &str)> = vec![
        ((format!("q_{town}"), long.clone()), "Please keep this answer to 200 characters."),
        ((format!("q_{tea}"), "Juice".into()), "Please pick from the choices given."),
        ((format!("q_{days}"), "Sun".into()), "Please pick from the choices given."),
        ((format!("q_{busy}"), "0".into()), "Please pick a number from 1 to 5."),
        ((format!("h_{hours}_0"), "1.25".into()), "Please give hours from 0 to 168, with at most one decimal"),
        ((format!("h_{hours}_0"), "-2".into()), "Please give hours from 0 to 168, with at most one decimal"),
    ];
    for (field, message) in cases {
        let mut f: Vec<(String, String)> = base.iter().filter(|(k, _)| *k != field.0).cloned().collect();
        f.push(field.clone());
        k.ada.post(&path, &pairs(&f)).await.assert_status(422).assert_contains(message);
    }
    let mut f = base.to_vec();
    f.push((format!("h_{hours}_0"), "100".into()));
    f.push((format!("h_{hours}_1"), "100".into()));
    k.ada.post(&path, &pairs(&f)).await.assert_status(422).assert_contains("A week has 168 hours");
    let mut f = base.to_vec();
    f.retain(|(key, _)| *key != format!("q_{busy}"));
    k.ada.post(&path, &pairs(&f)).await.assert_status(422).assert_contains("This question needs an answer.");
    assert_eq!(k.app.count("survey_responses").await, 0);
    let mut f = base.to_vec();
    f.push((format!("q_{days}"), "Wed".into()));
    f.push((format!("q_{days}"), "Mon".into()));
    f.push((format!("h_{hours}_0"), "1,5".into()));
    f.push((format!("h_{hours}_1"), "4".into()));
    assert!(k.ada.post(&path, &pairs(&f)).await.redirects_to(&path));
    let days_answers = homeroom::survey::answers_by_key(k.app.db(), k.course, "which_days").await.unwrap();
    assert_eq!(days_answers.len(), 1);
    assert_eq!(days_answers[0].1, AnswerValue::Choices(vec!["Mon".into(), "Wed".into()]));
    let hours_answers = homeroom::survey::answers_by_key(k.app.db(), k.course, "hours_for_the_course").await.unwrap();
    // Halves are taken like the time budget takes them ("1,5" in Norwegian).
    assert_eq!(
        hours_answers[0].1,
        AnswerValue::Hours(vec![("Mornings".into(), Tenths(15)), ("Evenings".into(), Tenths::hours(4))])
    );
    assert!(homeroom::survey::answers_by_key(k.app.db(), k.course, "no_such_key").await.unwrap().is_empty());
}
both!(the_builder_and_each_question_type);

async fn csv_profile_consent_and_privacy(b: Backend) {
    let k = class(b).await;
    let path = open_template(&k).await;
    let interests = qid(&k.app, k.course, "interests").await;
    let comm = qid(&k.app, k.course, "communication").await;
    // Ada shares her goals only; her interests would make a spreadsheet run a formula.
    let mut f = good_answers(&k, "Lead, \"better\"\nonline groups", true).await;
    f.retain(|(key, _)| *key != format!("q_{interests}"));
    f.push((format!("q_{interests}"), "=HYPERLINK(\"http://evil\")".into()));
    k.ada.post(&path, &pairs(&f)).await;
    // Bo shares nothing.
    k.bo.post(&path, &pairs(&good_answers(&k, "Bo's goal", false).await)).await;

    let csv = k.tutor.get(&format!("{path}/results.csv")).await;
    csv.assert_status(200);
    assert!(csv.content_type.starts_with("text/csv"));
    let body = csv.body.trim_start_matches('\u{feff}');
    let mut lines = body.split("\r\n");
    let header = lines.next().unwrap();
    assert!(header.starts_with("Name,Email,Last changed,What do you hope to get out of this course?,"), "{header}");
    let records: Vec<csv::StringRecord> =
        csv::Reader::from_reader(body.as_bytes()).records().map(|r| r.unwrap()).collect();
    assert_eq!(records.len(), 2);
    assert!(records.iter().all(|r| r.len() == 3 + 8), "one column per question");
    assert!(body.contains("Ada Able,ada@example.org,"));
    assert!(body.contains("\"Lead, \"\"better\"\"\nonline groups\""), "{body}");
    assert!(body.contains("\"'=HYPERLINK(\"\"http://evil\"\")\""), "{body}");
    assert!(body.contains("Video calls; Email"), "{body}");
    assert!(body.contains("Bo Berg,bo@example.org,"));
    assert_eq!(body.matches("@example.org").count(), 2, "one row per student who answered");

    let ada_id = homeroom::accounts::find_by_email(k.app.db(), "ada@example.org").await.unwrap().unwrap().id;
    let bo_id = homeroom::accounts::find_by_email(k.app.db(), "bo@example.org").await.unwrap().unwrap().id;
    let shown = homeroom::survey::profile_answers(k.app.db(), k.course, ada_id).await.unwrap();
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert_eq!(shown[0].field, "looking_forward");
    assert_eq!(shown[0].question, "What do you hope to get out of this course?");
    assert_eq!(shown[0].answer, "Lead, \"better\"\nonline groups");
    assert!(homeroom::survey::profile_answers(k.app.db(), k.course, bo_id).await.unwrap().is_empty());
    // Ada changes her mind: with the box unticked the answer leaves her profile.
    let mut f = good_answers(&k, "Lead online groups", false).await;
    f.push((format!("share_{comm}"), "1".into()));
    k.ada.post(&path, &pairs(&f)).await;
    let shown = homeroom::survey::profile_answers(k.app.db(), k.course, ada_id).await.unwrap();
    assert_eq!(shown.iter().map(|a| a.field.as_str()).collect::<Vec<_>>(), ["contact_preferences"]);
    assert_eq!(shown[0].answer, "Video calls; Email");
    let goals = homeroom::survey::answers_by_key(k.app.db(), k.course, "goals").await.unwrap();
    assert_eq!(goals.len(), 2);

    // Export holds Ada's answers; erasure removes her response, and Bo's stays.
    let data = homeroom::privacy::export_user(k.app.db(), "ada@example.org").await.unwrap();
    let answers = data["tables"]["survey_answers"].as_array().unwrap();
    assert!(answers.iter().any(|a| a["answer"]["text"] == "Lead online groups"), "{answers:?}");
    assert_eq!(data["tables"]["survey_responses"].as_array().unwrap().len(), 1);
    homeroom::privacy::erase_user(k.app.db(), "ada@example.org").await.unwrap();
    assert_eq!(k.app.count("survey_responses").await, 1);
    assert_eq!(homeroom::survey::answers_by_key(k.app.db(), k.course, "goals").await.unwrap().len(), 1);
}
both!(csv_profile_consent_and_privacy);

async fn the_template_speaks_the_tutors_language(b: Backend) {
    let k = class(b).await;
    k.app.db().execute_unprepared("UPDATE users SET locale = 'nb' WHERE email = 'tutor@example.org'").await.unwrap();
    let path = format!("/courses/{}/survey", k.course);
    k.tutor.post(&format!("{path}/create"), &[("from", "template")]).await;
    k.tutor
        .get(&path)
        .await
        .assert_contains("Hva håper du å få ut av dette kurset?")
        .assert_contains("Kvelder på hverdager");
    assert_eq!(keys(&k.app, k.course).await[0], "goals", "keys do not depend on the language");
}
both!(the_template_speaks_the_tutors_language);

async fn the_demo_survey_is_open_and_mostly_answered(b: Backend) {
    let app = TestApp::spawn(b).await;
    homeroom::demo::seed(app.db(), &app.state.mailer, &app.base, &|_| {}).await.unwrap();
    assert_eq!(app.count("surveys").await, 1);
    // 34 students joined; all but every eighth of them answered.
    assert_eq!(app.count("survey_responses").await, 30);
    let course: i64 = app
        .db()
        .query_one_raw(Statement::from_string(app.db().get_database_backend(), "SELECT course_id FROM surveys"))
        .await
        .unwrap()
        .unwrap()
        .try_get("", "course_id")
        .unwrap();
    let goals = homeroom::survey::answers_by_key(app.db(), course, "goals").await.unwrap();
    assert_eq!(goals.len(), 30, "goals are required");
    let distinct: std::collections::HashSet<_> = goals.iter().map(|(_, v)| v.display()).collect();
    assert!(distinct.len() > 4, "answers vary: {distinct:?}");
    let hours = homeroom::survey::answers_by_key(app.db(), course, "hours_per_week").await.unwrap();
    assert!(hours.iter().all(|(_, v)| v.total_hours().is_some_and(|h| h <= 168)));
    let tutor = app.browser();
    tutor.sign_in(&homeroom::demo::sign_ins()[0].1, homeroom::demo::PASSWORD).await;
    tutor
        .get(&format!("/courses/{course}/survey/results"))
        .await
        .assert_status(200)
        .assert_contains("30 of 34 students have answered.");
    tutor.get(&format!("/courses/{course}")).await.assert_contains("30 of 34 students have taken part");
}
both!(the_demo_survey_is_open_and_mostly_answered);

/// A profile shows the survey answers its owner agreed to share, and nothing else, with
/// the shout-outs they received.
async fn profiles_show_agreed_answers_and_shout_outs(b: Backend) {
    let k = class(b).await;
    let path = open_template(&k).await;
    // Ada shares her goals; her communication preferences stay in the survey.
    k.ada.post(&path, &pairs(&good_answers(&k, "Learn to lead online groups", true).await)).await;
    let ada_id = homeroom::accounts::find_by_email(k.app.db(), "ada@example.org").await.unwrap().unwrap().id;
    let bo_id = homeroom::accounts::find_by_email(k.app.db(), "bo@example.org").await.unwrap().unwrap().id;
    let r =
        k.bo.post(
            &format!("/courses/{}/shout-outs", k.course),
            &[("to", &ada_id.to_string()), ("body", "Thanks for the map")],
        )
        .await;
    assert!(r.status < 400, "{r:?}");

    let profile = format!("/courses/{}/people/{ada_id}", k.course);
    let page = k.bo.get(&profile).await;
    page.assert_status(200)
        .assert_contains("From the start-of-course survey")
        .assert_contains("What do you hope to get out of this course?")
        .assert_contains("Learn to lead online groups")
        .assert_contains("Shout-outs received")
        .assert_contains("Thanks for the map");
    assert!(!page.body.contains("Video calls"), "an answer Ada did not agree to share stays hidden");
    assert!(!page.body.contains("maps, choirs"));

    // Bo shared nothing and received nothing: neither section appears.
    k.bo.post(&path, &pairs(&good_answers(&k, "Bo's own goal", false).await)).await;
    let page = k.ada.get(&format!("/courses/{}/people/{bo_id}", k.course)).await;
    page.assert_status(200);
    assert!(!page.body.contains("Bo&#39;s own goal") && !page.body.contains("From the start-of-course survey"));
    assert!(!page.body.contains("Shout-outs received"));
}
both!(profiles_show_agreed_answers_and_shout_outs);
