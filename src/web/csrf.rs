//! CSRF tokens. A signed-in person's token is an HMAC of their session id under a key
//! the server keeps (`site_secrets`, made on first start): it changes with every
//! session, another session's token is worth nothing, and it needs no storage. A
//! signed-out visitor (signing in, joining, asking for a reset) gets a random token in
//! an HttpOnly cookie and must send it back (double submit). The cookie always holds
//! the token the pages carry; it is named `__Host-hr_csrf` on HTTPS, so neither a
//! sibling subdomain nor plain HTTP can plant one.
//!
//! The token travels in the form body (`_csrf`) or the `x-csrf-token` header, never in
//! a URL, where it would end up in history, logs and `Referer`. A multipart form (a
//! file upload) must carry `_csrf` as its first part, as our templates write it: the
//! middleware reads just that part before any handler sees the body, so no upload
//! handler can forget the check and nothing is stored for a forged request, while the
//! files behind it still stream.

use axum::body::{Body, Bytes};
use axum::extract::Request;
use futures::StreamExt;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set};
use sha2::Sha256;
use tokio::sync::OnceCell;

use crate::db::entity::site_secret;
use crate::error::AppError;

/// The most we read of a multipart body to find its first part, the token.
const PEEK_LIMIT: usize = 8 * 1024;

/// The server's CSRF key, read from the database once per process.
#[derive(Default)]
pub struct SiteKey(OnceCell<Vec<u8>>);

impl SiteKey {
    pub async fn get(&self, db: &impl ConnectionTrait) -> Result<&[u8], DbErr> {
        self.0.get_or_try_init(|| load_or_create(db, "csrf")).await.map(Vec::as_slice)
    }
}

/// Several replicas may start at once: each offers a key, the first one written wins,
/// and everyone reads that one back.
pub(crate) async fn load_or_create(db: &impl ConnectionTrait, name: &str) -> Result<Vec<u8>, DbErr> {
    let find = || site_secret::Entity::find().filter(site_secret::Column::Name.eq(name)).one(db);
    if let Some(row) = find().await? {
        return hex::decode(&row.value).map_err(|e| DbErr::Custom(format!("site secret {name}: {e}")));
    }
    let mut fresh = [0u8; 32];
    rand::rng().fill_bytes(&mut fresh);
    site_secret::Entity::insert(site_secret::ActiveModel {
        name: Set(name.to_string()),
        value: Set(hex::encode(fresh)),
        created_at: Set(crate::time::now_ms()),
        ..Default::default()
    })
    .on_conflict_do_nothing_on([site_secret::Column::Name])
    .exec(db)
    .await?;
    let row = find().await?.ok_or_else(|| DbErr::Custom(format!("site secret {name} was not stored")))?;
    hex::decode(&row.value).map_err(|e| DbErr::Custom(format!("site secret {name}: {e}")))
}

/// The token of one session.
pub fn session_token(key: &[u8], session_id: i64) -> String {
    use base64::Engine;
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(b"homeroom csrf v1\0");
    mac.update(&session_id.to_be_bytes());
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
}

pub fn same(given: &str, expected: &str) -> bool {
    let (a, b) = (given.as_bytes(), expected.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Read a multipart request's first part, which must be `_csrf`, and hand back the
/// request with its body whole again (the part read, then the rest as it streams).
/// `None` for the token when the first part is anything else.
pub async fn multipart_token(req: Request, boundary: &str) -> Result<(Request, Option<String>), AppError> {
    let (parts, body) = req.into_parts();
    let mut stream = body.into_data_stream();
    let end_of_first = format!("\r\n--{boundary}");
    let mut head: Vec<u8> = Vec::new();
    // Enough to hold the first part and the delimiter after it (and what follows it,
    // so the parser sees a complete part).
    while !contains(&head, end_of_first.as_bytes(), 2) && head.len() <= PEEK_LIMIT {
        match stream.next().await {
            Some(Ok(chunk)) => head.extend_from_slice(&chunk),
            Some(Err(_)) => return Err(AppError::BadRequest("error-bad-form")),
            None => break,
        }
    }
    let head = Bytes::from(head);
    let token = first_field(head.clone(), boundary).await;
    let whole = futures::stream::once(async move { Ok::<_, axum::Error>(head) }).chain(stream);
    Ok((Request::from_parts(parts, Body::from_stream(whole)), token))
}

/// Whether `needle` occurs in `hay` with at least `after` bytes behind it.
fn contains(hay: &[u8], needle: &[u8], after: usize) -> bool {
    hay.windows(needle.len()).enumerate().any(|(i, w)| w == needle && hay.len() >= i + needle.len() + after)
}

async fn first_field(head: Bytes, boundary: &str) -> Option<String> {
    let stream = futures::stream::once(async move { Ok::<_, std::io::Error>(head) });
    let mut mp = multer::Multipart::new(stream, boundary);
    let field = mp.next_field().await.ok()??;
    if field.name() != Some("_csrf") || field.file_name().is_some() {
        return None;
    }
    let text = field.text().await.ok()?;
    (text.len() <= 128).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_belong_to_one_session_and_one_key() {
        let key = [7u8; 32];
        let t = session_token(&key, 41);
        assert_eq!(t, session_token(&key, 41));
        assert_ne!(t, session_token(&key, 42));
        assert_ne!(t, session_token(&[8u8; 32], 41));
        assert_eq!(t.len(), 43);
        assert!(same(&t, &t) && !same(&t, &session_token(&key, 42)) && !same("", &t));
    }

    fn body(parts: &[(&str, &str)]) -> String {
        let mut s = String::new();
        for (name, value) in parts {
            s.push_str(&format!("--XyZ\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"));
        }
        s.push_str("--XyZ--\r\n");
        s
    }

    async fn peek(text: String) -> (Option<String>, String) {
        let req = Request::builder().body(Body::from(text)).unwrap();
        let (req, token) = multipart_token(req, "XyZ").await.unwrap();
        let rest = axum::body::to_bytes(req.into_body(), usize::MAX).await.unwrap();
        (token, String::from_utf8(rest.to_vec()).unwrap())
    }

    #[tokio::test]
    async fn the_first_part_is_the_token_and_the_body_stays_whole() {
        let text = body(&[("_csrf", "tok"), ("title", "Hello")]);
        assert_eq!(peek(text.clone()).await, (Some("tok".into()), text));
        let only = body(&[("_csrf", "tok")]);
        assert_eq!(peek(only.clone()).await, (Some("tok".into()), only));
    }

    #[tokio::test]
    async fn a_token_anywhere_else_does_not_count() {
        let text = body(&[("title", "Hello"), ("_csrf", "tok")]);
        assert_eq!(peek(text.clone()).await, (None, text));
        let huge = body(&[("_csrf", &"x".repeat(20_000))]);
        assert_eq!(peek(huge.clone()).await, (None, huge));
        assert_eq!(peek(String::new()).await, (None, String::new()));
    }
}
