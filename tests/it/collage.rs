//! The collage: members add pictures with a description, the class sees them (and only
//! the class), bad uploads are refused with nothing kept, authors and the teaching team
//! remove pictures, and export and erasure cover them.

use crate::both;
use crate::media::{halves, png};
use crate::support::{Backend, Browser, Options, TestApp};
use homeroom::db::entity::collage_item;
use homeroom::policy::Role;
use reqwest::multipart::{Form, Part};
use sea_orm::EntityTrait;

struct Class {
    app: TestApp,
    course_id: i64,
}

async fn class(b: Backend, opts: Options) -> Class {
    let app = TestApp::spawn_with(b, opts).await;
    let t = app.user("tutor@example.org", "Tess Tutor").await;
    let c = app.course("Collage", &t).await;
    for (email, name, role) in [
        ("ada@example.org", "Ada", Role::Student),
        ("bo@example.org", "Bo", Role::Student),
        ("obs@example.org", "Olly", Role::Observer),
    ] {
        let u = app.user(email, name).await;
        app.enrol(&c, &u, role).await;
    }
    let other_t = app.user("other@example.org", "Otto").await;
    app.course("Elsewhere", &other_t).await;
    Class { app, course_id: c.id }
}

fn picture(bytes: Vec<u8>, caption: &str) -> Form {
    Form::new()
        .text("caption", caption.to_string())
        .part("image", Part::bytes(bytes).file_name("garden.png").mime_str("image/png").unwrap())
}

async fn add(b: &Browser, course_id: i64, form: Form) -> crate::support::Resp {
    b.post_multipart(&format!("/courses/{course_id}/collage"), form).await
}

fn files_in(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|rd| rd.flatten().filter(|e| e.path().is_file()).map(|e| e.file_name().to_string_lossy().into()).collect())
        .unwrap_or_default()
}

async fn members_add_and_the_class_sees_it(b: Backend) {
    let k = class(b, Options::default()).await;
    let path = format!("/courses/{}/collage", k.course_id);
    let ada = k.app.signed_in("ada@example.org").await;
    let r = add(&ada, k.course_id, picture(png(&halves(700, 400)), "  A kitchen table\nwith tea for everyone ")).await;
    assert!(r.redirects_to(&path), "{} {}", r.status, r.body);
    let item = collage_item::Entity::find().one(k.app.db()).await.unwrap().unwrap();
    assert_eq!(item.caption, "A kitchen table with tea for everyone");

    // A classmate and an observer see it, with the caption as its alternative text.
    for email in ["bo@example.org", "obs@example.org", "tutor@example.org"] {
        let b = k.app.signed_in(email).await;
        b.get(&path)
            .await
            .assert_status(200)
            .assert_contains(&format!("src=\"/media/{}\" alt=\"A kitchen table with tea for everyone\"", item.media_id))
            .assert_contains("Ada");
        let res = crate::media::get_raw(&b, &format!("/media/{}", item.media_id), None).await;
        assert_eq!(res.status(), 200, "{email} sees the picture");
        assert_eq!(res.headers()["content-type"], "image/jpeg", "re-encoded as JPEG");
        let img = image::load_from_memory(&res.bytes().await.unwrap()).unwrap();
        assert!(img.width() <= 512 && img.width() == img.height(), "resized to a square");
    }
    // The "show together" view shows it one a screen.
    let bo = k.app.signed_in("bo@example.org").await;
    bo.get(&format!("{path}/together"))
        .await
        .assert_status(200)
        .assert_contains("id=\"slide-1\"")
        .assert_contains("Picture 1 of 1");

    // Someone of another course sees neither the page nor the file.
    let otto = k.app.signed_in("other@example.org").await;
    otto.get(&path).await.assert_status(403);
    assert_eq!(crate::media::get_raw(&otto, &format!("/media/{}", item.media_id), None).await.status(), 404);
    let anonymous = crate::media::get_raw(&k.app.browser(), &format!("/media/{}", item.media_id), None).await;
    assert_ne!(anonymous.status(), 200, "signed-out visitors are sent to sign in");

    // Observers look; they do not add.
    let olly = k.app.signed_in("obs@example.org").await;
    let page = olly.get(&path).await;
    page.assert_status(200);
    assert!(!page.body.contains("collage-image"), "no form for observers");
    add(&olly, k.course_id, picture(png(&halves(50, 50)), "A quiet room")).await.assert_status(403);
    assert_eq!(k.app.count("collage_items").await, 1);
}
both!(members_add_and_the_class_sees_it);

async fn bad_uploads_are_refused_and_nothing_is_kept(b: Backend) {
    let k = class(b, Options { max_image_mb: Some(1), ..Default::default() }).await;
    let ada = k.app.signed_in("ada@example.org").await;
    let cases: Vec<(Form, &str)> = vec![
        (Form::new().text("caption", "People listening"), "Choose a picture to add"),
        (picture(png(&halves(60, 60)), "   "), "Say in a few words what the picture shows"),
        (picture(png(&halves(60, 60)), "ok"), "at least 3 characters"),
        (picture(png(&halves(60, 60)), &"x".repeat(201)), "Keep the description to 200 characters"),
        (picture(png(&halves(60, 60)), "IMG_2041.JPG"), "rather than giving its file name"),
        (picture(b"%PDF-1.7\n%\xe2\xe3\n1 0 obj".to_vec(), "A document"), "this kind of file cannot be used here"),
        (picture(png(&halves(300, 300))[..400].to_vec(), "A cut-off picture"), "the image could not be read"),
    ];
    for (form, message) in cases {
        add(&ada, k.course_id, form).await.assert_status(422).assert_contains(message);
    }
    // Too big: refused with the limit named (or the connection closed early).
    let mut big = png(&halves(64, 64));
    big.resize(1024 * 1024 + 300_000, 0);
    let path = format!("/courses/{}/collage", k.course_id);
    if let Some(r) = ada.try_post_multipart(&path, picture(big, "A big picture")).await {
        r.assert_status(422).assert_contains("larger than the 1 MB limit");
    }
    // The caption typed survives a refusal.
    add(&ada, k.course_id, picture(b"GIF89a....".to_vec(), "Our shared notebook"))
        .await
        .assert_status(422)
        .assert_contains("value=\"Our shared notebook\"");

    assert_eq!(k.app.count("collage_items").await, 0);
    assert_eq!(k.app.count("media").await, 0);
    let media_dir = k.app.data_dir().join("media");
    assert!(files_in(&media_dir).is_empty(), "refused files are not kept: {:?}", files_in(&media_dir));
    assert!(files_in(&media_dir.join("tmp")).is_empty(), "no temporary file is left behind");
}
both!(bad_uploads_are_refused_and_nothing_is_kept);

async fn authors_and_the_teaching_team_remove_pictures(b: Backend) {
    let k = class(b, Options::default()).await;
    let ada = k.app.signed_in("ada@example.org").await;
    let bo = k.app.signed_in("bo@example.org").await;
    let tutor = k.app.signed_in("tutor@example.org").await;
    let path = format!("/courses/{}/collage", k.course_id);
    for caption in ["A circle of chairs", "Sticky notes on a wall"] {
        assert!(add(&ada, k.course_id, picture(png(&halves(80, 80)), caption)).await.redirects_to(&path));
    }
    let items = collage_item::Entity::find().all(k.app.db()).await.unwrap();
    let (first, second) = (&items[0], &items[1]);
    let media_dir = k.app.data_dir().join("media");
    assert_eq!(files_in(&media_dir).len(), 4, "two pictures and their thumbnails");

    // A classmate may not remove Ada's picture, and sees no button for it.
    assert!(!bo.get(&path).await.body.contains(&format!("/collage/{}/delete", first.id)));
    bo.post(&format!("{path}/{}/delete", first.id), &[]).await.assert_status(403);
    // Someone of another course learns nothing.
    let otto = k.app.signed_in("other@example.org").await;
    otto.post(&format!("{path}/{}/delete", first.id), &[]).await.assert_status(403);

    assert!(ada.get(&path).await.body.contains(&format!("/collage/{}/delete", first.id)));
    assert!(ada.post(&format!("{path}/{}/delete", first.id), &[]).await.redirects_to(&path));
    assert!(tutor.post(&format!("{path}/{}/delete", second.id), &[]).await.redirects_to(&path));
    assert_eq!(k.app.count("collage_items").await, 0);
    assert_eq!(k.app.count("media").await, 0);
    assert!(files_in(&media_dir).is_empty(), "removed pictures lose their files");
    assert_eq!(crate::media::get_raw(&bo, &format!("/media/{}", first.media_id), None).await.status(), 404);
    // A picture that is gone is a 404.
    ada.post(&format!("{path}/{}/delete", first.id), &[]).await.assert_status(404);
}
both!(authors_and_the_teaching_team_remove_pictures);

async fn export_and_erasure_cover_the_collage(b: Backend) {
    let k = class(b, Options::default()).await;
    let ada = k.app.signed_in("ada@example.org").await;
    let bo = k.app.signed_in("bo@example.org").await;
    let path = format!("/courses/{}/collage", k.course_id);
    assert!(add(&ada, k.course_id, picture(png(&halves(80, 80)), "A garden bench")).await.redirects_to(&path));
    assert!(add(&bo, k.course_id, picture(png(&halves(80, 80)), "Bo's whiteboard")).await.redirects_to(&path));
    let data = homeroom::privacy::export_user(k.app.db(), "ada@example.org").await.unwrap();
    let items = data["tables"]["collage_items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["caption"], "A garden bench");

    homeroom::privacy::erase_user_and_media(k.app.db(), &k.app.state.config, "ada@example.org").await.unwrap();
    let left = collage_item::Entity::find().all(k.app.db()).await.unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].caption, "Bo's whiteboard");
    assert_eq!(k.app.count("media").await, 1);
    let media_dir = k.app.data_dir().join("media");
    assert_eq!(files_in(&media_dir).len(), 2, "only Bo's picture and thumbnail are left");
    let page = bo.get(&path).await;
    page.assert_status(200).assert_contains("Bo&#39;s whiteboard");
    assert!(!page.body.contains("garden bench"));
}
both!(export_and_erasure_cover_the_collage);
