//! Media: uploads are checked by their bytes and limits, photos are re-encoded without
//! EXIF and turned the right way up, and the serving route asks about the thing the
//! file belongs to and supports Range requests.

use std::io::Cursor;

use crate::both;
use crate::support::{Backend, Browser, Options, TestApp};
use homeroom::policy::Role;
use reqwest::multipart::{Form, Part};

/// A picture whose left half is red and right half blue.
pub fn halves(w: u32, h: u32) -> image::RgbImage {
    image::RgbImage::from_fn(w, h, |x, _| if x < w / 2 { image::Rgb([220, 20, 20]) } else { image::Rgb([20, 20, 220]) })
}

pub fn png(img: &image::RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(img.clone()).write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png).unwrap();
    out
}

fn jpeg(img: &image::RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(img.clone()).write_to(&mut Cursor::new(&mut out), image::ImageFormat::Jpeg).unwrap();
    out
}

/// An EXIF block (big-endian TIFF) with orientation 6 ("rotate 90° clockwise to show")
/// and a GPS position, as phones write them.
fn exif_app1() -> Vec<u8> {
    let mut tiff: Vec<u8> = b"MM\x00\x2a\x00\x00\x00\x08".to_vec();
    // IFD0: two entries, then the offset of the next IFD (none).
    tiff.extend_from_slice(&[0x00, 0x02]);
    tiff.extend_from_slice(&[0x01, 0x12, 0x00, 0x03, 0, 0, 0, 1, 0x00, 0x06, 0, 0]);
    tiff.extend_from_slice(&[0x88, 0x25, 0x00, 0x04, 0, 0, 0, 1, 0, 0, 0, 38]);
    tiff.extend_from_slice(&[0, 0, 0, 0]);
    // The GPS IFD: latitude reference "N" and the latitude 60° 23' 30".
    tiff.extend_from_slice(&[0x00, 0x02]);
    tiff.extend_from_slice(&[0x00, 0x01, 0x00, 0x02, 0, 0, 0, 2, b'N', 0, 0, 0]);
    tiff.extend_from_slice(&[0x00, 0x02, 0x00, 0x05, 0, 0, 0, 3, 0, 0, 0, 68]);
    tiff.extend_from_slice(&[0, 0, 0, 0]);
    for (num, den) in [(60u32, 1u32), (23, 1), (30, 1)] {
        tiff.extend_from_slice(&num.to_be_bytes());
        tiff.extend_from_slice(&den.to_be_bytes());
    }
    let mut seg = b"Exif\x00\x00".to_vec();
    seg.extend_from_slice(&tiff);
    let len = (seg.len() + 2) as u16;
    let mut out = vec![0xFF, 0xE1];
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(&seg);
    out
}

pub fn jpeg_with_gps(img: &image::RgbImage) -> Vec<u8> {
    let plain = jpeg(img);
    let mut out = plain[..2].to_vec();
    out.extend_from_slice(&exif_app1());
    out.extend_from_slice(&plain[2..]);
    out
}

pub fn profile_form() -> Form {
    Form::new().text("time_zone", "Europe/Oslo").text("bio", "Hello")
}

pub async fn upload_photo(b: &Browser, bytes: Vec<u8>, name: &str, mime: &str) -> crate::support::Resp {
    let form = profile_form().part("photo", Part::bytes(bytes).file_name(name.to_string()).mime_str(mime).unwrap());
    b.post_multipart("/account/profile", form).await
}

pub async fn photo_id(app: &TestApp, user_id: i64) -> Option<i64> {
    homeroom::profiles::details_of(app.db(), user_id).await.unwrap().photo_id
}

pub async fn get_raw(b: &Browser, path: &str, range: Option<&str>) -> reqwest::Response {
    let mut req = b.client.get(b.url(path));
    if let Some(r) = range {
        req = req.header("range", r);
    }
    req.send().await.unwrap()
}

fn files_in(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten().filter(|e| e.path().is_file()).map(|e| e.file_name().to_string_lossy().to_string()).collect()
        })
        .unwrap_or_default()
}

async fn bad_uploads_are_refused_in_plain_words(b: Backend) {
    let app = TestApp::spawn_with(b, Options { max_image_mb: Some(1), ..Default::default() }).await;
    let u = app.user("ada@example.org", "Ada").await;
    let ada = app.signed_in("ada@example.org").await;

    // A PDF named like a photo is refused by its bytes, not its name.
    let r = upload_photo(&ada, b"%PDF-1.7\n%\xe2\xe3\n1 0 obj".to_vec(), "me.jpg", "image/jpeg").await;
    r.assert_status(422).assert_contains("this kind of file cannot be used here");
    // An audio file is not a photo either.
    let r = upload_photo(&ada, b"ID3\x04\x00\x00\x00\x00\x00\x00rest".to_vec(), "me.png", "image/png").await;
    r.assert_status(422).assert_contains("cannot be used here");

    // A cut-off image.
    let whole = png(&halves(300, 300));
    let r = upload_photo(&ada, whole[..whole.len() / 2].to_vec(), "me.png", "image/png").await;
    r.assert_status(422).assert_contains("could not be read");
    let cut_jpeg = jpeg(&halves(300, 300));
    let r = upload_photo(&ada, cut_jpeg[..cut_jpeg.len() - 200].to_vec(), "me.jpg", "image/jpeg").await;
    r.assert_status(422).assert_contains("could not be read");

    // Over the configured 1 MB: refused with the limit named (or the connection closed
    // early, which a browser shows as a failed upload; either way nothing is kept).
    let mut big = jpeg(&halves(64, 64));
    big.resize(1024 * 1024 + 300_000, 0);
    let form = profile_form().part("photo", Part::bytes(big).file_name("big.jpg").mime_str("image/jpeg").unwrap());
    if let Some(r) = ada.try_post_multipart("/account/profile", form).await {
        r.assert_status(422).assert_contains("larger than the 1 MB limit");
    }

    assert_eq!(app.count("media").await, 0);
    assert_eq!(photo_id(&app, u.id).await, None);
    let media_dir = app.data_dir().join("media");
    assert!(files_in(&media_dir).is_empty(), "refused files are not kept: {:?}", files_in(&media_dir));
    assert!(files_in(&media_dir.join("tmp")).is_empty(), "no temporary file is left behind");
}
both!(bad_uploads_are_refused_in_plain_words);

async fn photos_lose_exif_and_are_turned_upright(b: Backend) {
    let app = TestApp::spawn(b).await;
    let u = app.user("ada@example.org", "Ada").await;
    let ada = app.signed_in("ada@example.org").await;
    let upload = jpeg_with_gps(&halves(200, 100));
    assert!(upload.windows(4).any(|w| w == b"Exif"));
    let r = upload_photo(&ada, upload, "holiday.jpg", "image/jpeg").await;
    assert!(r.redirects_to("/account/profile"), "{} {}", r.status, &r.body[..r.body.len().min(2000)]);
    let id = photo_id(&app, u.id).await.expect("a photo");

    let res = get_raw(&ada, &format!("/media/{id}"), None).await;
    assert_eq!(res.status(), 200);
    let h = res.headers().clone();
    assert_eq!(h["content-type"], "image/jpeg");
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["accept-ranges"], "bytes");
    assert!(h["cache-control"].to_str().unwrap().contains("private"));
    assert!(h.contains_key("etag"));
    let bytes = res.bytes().await.unwrap().to_vec();
    assert!(bytes.starts_with(&[0xFF, 0xD8]));
    assert!(!bytes.windows(4).any(|w| w == b"Exif"), "EXIF survived");
    assert!(!bytes.windows(2).any(|w| w == [0xFF, 0xE1]), "an APP1 segment survived");
    let img = image::load_from_memory(&bytes).unwrap().to_rgb8();
    // 200×100 turned upright is 100×200; its centred square is 100×100 (not enlarged).
    assert_eq!(img.dimensions(), (100, 100));
    let top = img.get_pixel(50, 10);
    let bottom = img.get_pixel(50, 90);
    assert!(top[0] > 150 && top[2] < 100, "the left (red) half is on top after turning: {top:?}");
    assert!(bottom[2] > 150 && bottom[0] < 100, "{bottom:?}");

    // The thumbnail.
    let thumb = get_raw(&ada, &format!("/media/{id}?size=thumb"), None).await.bytes().await.unwrap();
    assert_eq!(image::load_from_memory(&thumb).unwrap().width(), 96);

    // Range requests, so video can seek.
    let len = bytes.len();
    let part = get_raw(&ada, &format!("/media/{id}"), Some("bytes=0-99")).await;
    assert_eq!(part.status(), 206);
    assert_eq!(part.headers()["content-range"], format!("bytes 0-99/{len}").as_str());
    assert_eq!(part.bytes().await.unwrap().as_ref(), &bytes[..100]);
    let tail = get_raw(&ada, &format!("/media/{id}"), Some("bytes=-10")).await;
    assert_eq!(tail.status(), 206);
    assert_eq!(tail.bytes().await.unwrap().as_ref(), &bytes[len - 10..]);
    let bad = get_raw(&ada, &format!("/media/{id}"), Some(&format!("bytes={}-", len + 5))).await;
    assert_eq!(bad.status(), 416);
    assert_eq!(bad.headers()["content-range"], format!("bytes */{len}").as_str());

    // A new photo replaces the old one, files and all.
    let key = files_in(&app.data_dir().join("media")).len();
    assert_eq!(key, 2, "the photo and its thumbnail");
    let r = upload_photo(&ada, png(&halves(40, 40)), "new.png", "image/png").await;
    assert!(r.redirects_to("/account/profile"));
    assert_eq!(app.count("media").await, 1);
    assert_eq!(files_in(&app.data_dir().join("media")).len(), 2);
    assert_eq!(get_raw(&ada, &format!("/media/{id}"), None).await.status(), 404);
}
both!(photos_lose_exif_and_are_turned_upright);

async fn media_asks_about_what_it_belongs_to(b: Backend) {
    let app = TestApp::spawn(b).await;
    let t = app.user("tutor@example.org", "Tess").await;
    let c = app.course("Course", &t).await;
    let ada = app.user("ada@example.org", "Ada").await;
    let bo = app.user("bo@example.org", "Bo").await;
    app.enrol(&c, &ada, Role::Student).await;
    app.enrol(&c, &bo, Role::Student).await;
    let other_t = app.user("other@example.org", "Otto").await;
    let other = app.course("Other", &other_t).await;
    let out = app.user("out@example.org", "Out").await;
    app.enrol(&other, &out, Role::Student).await;

    let a = app.signed_in("ada@example.org").await;
    let form = Form::new()
        .text("time_zone", "Europe/Oslo")
        .text("vis_photo", "tutors")
        .part("photo", Part::bytes(png(&halves(50, 50))).file_name("a.png").mime_str("image/png").unwrap());
    assert!(a.post_multipart("/account/profile", form).await.redirects_to("/account/profile"));
    let id = photo_id(&app, ada.id).await.unwrap();
    let path = format!("/media/{id}");

    let bo_b = app.signed_in("bo@example.org").await;
    let tutor = app.signed_in("tutor@example.org").await;
    let outsider = app.signed_in("out@example.org").await;
    assert_eq!(get_raw(&a, &path, None).await.status(), 200, "the owner");
    assert_eq!(get_raw(&tutor, &path, None).await.status(), 200, "the teaching team sees tutors-only");
    assert_eq!(get_raw(&bo_b, &path, None).await.status(), 404, "a classmate does not");
    assert_eq!(get_raw(&outsider, &path, None).await.status(), 404, "nor another course");
    let anon = app.browser();
    assert_eq!(get_raw(&anon, &path, None).await.status(), 303, "sign in first");

    // Only me: not even the tutor.
    let form = Form::new().text("time_zone", "Europe/Oslo").text("vis_photo", "me");
    assert!(a.post_multipart("/account/profile", form).await.redirects_to("/account/profile"));
    assert_eq!(get_raw(&tutor, &path, None).await.status(), 404);
    assert_eq!(get_raw(&a, &path, None).await.status(), 200);

    // An introduction's clip belongs to its course: members hear it, others do not.
    let mut clip = b"OggS\x00\x02\x00\x00\x00\x00\x00\x00\x00\x00".to_vec();
    clip.extend_from_slice(b"\x01\x00\x00\x00\x00\x00\x00\x00\x13OpusHead\x01\x02");
    clip.resize(5000, 7);
    let form = Form::new()
        .text("body", "Hi, I'm Bo.")
        .part("clip", Part::bytes(clip.clone()).file_name("hello.ogg").mime_str("audio/ogg").unwrap());
    let r = bo_b.post_multipart(&format!("/courses/{}/introductions", c.id), form).await;
    assert!(r.redirects_to(&format!("/courses/{}/introductions", c.id)), "{} {}", r.status, r.body);
    let clip_id: i64 =
        homeroom::db::entity::introduction::Entity::find().one(app.db()).await.unwrap().unwrap().clip_id.unwrap();
    let cpath = format!("/media/{clip_id}");
    let res = get_raw(&a, &cpath, None).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "audio/ogg");
    assert_eq!(res.bytes().await.unwrap().to_vec(), clip, "sound is kept as it was sent");
    assert_eq!(get_raw(&outsider, &cpath, None).await.status(), 404);
}
both!(media_asks_about_what_it_belongs_to);

use sea_orm::EntityTrait;

async fn export_and_erasure_cover_media(b: Backend) {
    let app = TestApp::spawn(b).await;
    let t = app.user("tutor@example.org", "Tess").await;
    let c = app.course("Course", &t).await;
    let ada = app.user("ada@example.org", "Ada").await;
    app.enrol(&c, &ada, Role::Student).await;
    let a = app.signed_in("ada@example.org").await;
    let form = profile_form()
        .text("pronouns", "she/her")
        .part("photo", Part::bytes(png(&halves(50, 50))).file_name("a.png").mime_str("image/png").unwrap());
    assert!(a.post_multipart("/account/profile", form).await.redirects_to("/account/profile"));
    let intro = Form::new()
        .text("body", "Hello from Ada")
        .part("photo", Part::bytes(png(&halves(60, 60))).file_name("b.png").mime_str("image/png").unwrap());
    let intros = format!("/courses/{}/introductions", c.id);
    assert!(a.post_multipart(&intros, intro).await.redirects_to(&intros));
    let tutor = app.signed_in("tutor@example.org").await;
    assert!(tutor.post_multipart(&intros, Form::new().text("body", "I am Tess")).await.redirects_to(&intros));
    let tess_intro: i64 = homeroom::db::entity::introduction::Entity::find()
        .all(app.db())
        .await
        .unwrap()
        .into_iter()
        .find(|i| i.user_id == t.id)
        .unwrap()
        .id;
    a.post(&format!("{intros}/{tess_intro}/welcome"), &[("body", "Hi Tess!")]).await;

    let data = homeroom::privacy::export_user(app.db(), "ada@example.org").await.unwrap();
    let tables = &data["tables"];
    assert_eq!(tables["profile_details"][0]["pronouns"], "she/her");
    assert_eq!(tables["media"].as_array().unwrap().len(), 2);
    assert_eq!(tables["introductions"][0]["body"], "Hello from Ada");
    assert_eq!(tables["introduction_replies"][0]["body"], "Hi Tess!");

    let media_dir = app.data_dir().join("media");
    assert_eq!(files_in(&media_dir).len(), 4, "two photos with their thumbnails");
    homeroom::privacy::erase_user_and_media(app.db(), &app.state.config, "ada@example.org").await.unwrap();
    assert!(files_in(&media_dir).is_empty(), "the files went with the person");
    assert_eq!(app.count("media").await, 0);
    assert_eq!(app.count("profile_details").await, 0);
    assert_eq!(app.count("introduction_replies").await, 0);
    assert_eq!(app.count("introductions").await, 1, "Tess's introduction stays");
}
both!(export_and_erasure_cover_media);

fn webm(video: bool, len: usize) -> Vec<u8> {
    let mut v = vec![0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84];
    v.extend_from_slice(b"webm");
    v.extend_from_slice(b"\x18\x53\x80\x67....A_OPUS");
    if video {
        v.extend_from_slice(b"....V_VP8");
    }
    v.resize(len, 3);
    v
}

async fn recordings_keep_their_format(b: Backend) {
    let app = TestApp::spawn(b).await;
    let t = app.user("tutor@example.org", "Tess").await;
    let c = app.course("Course", &t).await;
    let ada = app.user("ada@example.org", "Ada").await;
    app.enrol(&c, &ada, Role::Student).await;
    let a = app.signed_in("ada@example.org").await;

    // How to say my name takes a voice recording, not a video.
    let video = Part::bytes(webm(true, 6000)).file_name("name.webm").mime_str("audio/webm").unwrap();
    let r = a.post_multipart("/account/profile", profile_form().part("name_audio", video)).await;
    r.assert_status(422).assert_contains("A short recording of my name: this kind of file cannot be used here");
    let mut mp3 = b"ID3\x04\x00\x00\x00\x00\x00\x00".to_vec();
    mp3.resize(3000, 0x55);
    let voice = Part::bytes(mp3.clone()).file_name("name.mp3").mime_str("audio/mpeg").unwrap();
    let r = a.post_multipart("/account/profile", profile_form().part("name_audio", voice)).await;
    assert!(r.redirects_to("/account/profile"));
    let d = homeroom::profiles::details_of(app.db(), ada.id).await.unwrap();
    let res = get_raw(&a, &format!("/media/{}", d.name_audio_id.unwrap()), None).await;
    assert_eq!(res.headers()["content-type"], "audio/mpeg");
    assert_eq!(res.bytes().await.unwrap().to_vec(), mp3);

    // A video introduction is shown as video and can be sought through.
    let clip = webm(true, 200_000);
    let intros = format!("/courses/{}/introductions", c.id);
    let form = Form::new()
        .text("body", "Hello on video")
        .text("transcript", "Hi, I'm Ada.")
        .part("clip", Part::bytes(clip.clone()).file_name("x.bin").mime_str("application/octet-stream").unwrap());
    assert!(a.post_multipart(&intros, form).await.redirects_to(&intros));
    let page = a.get(&intros).await;
    page.assert_contains("<video").assert_contains("class=\"transcript\"");
    let clip_id = homeroom::db::entity::introduction::Entity::find().one(app.db()).await.unwrap().unwrap().clip_id;
    let path = format!("/media/{}", clip_id.unwrap());
    let res = get_raw(&a, &path, Some("bytes=100000-100009")).await;
    assert_eq!(res.status(), 206);
    assert_eq!(res.headers()["content-type"], "video/webm");
    assert_eq!(res.headers()["content-range"], "bytes 100000-100009/200000");
    assert_eq!(res.bytes().await.unwrap().as_ref(), &clip[100_000..100_010]);
}
both!(recordings_keep_their_format);
