//! The demo's LMS: a platform registered as an admin would (through the same checks), and
//! the demo course linked to a course in it, so the admin's LTI page has something real
//! to show. Its addresses are in the reserved `.invalid` domain: nothing is ever fetched.

use sea_orm::ConnectionTrait;

use super::{platforms, provision, sql};

pub async fn seed(db: &impl ConnectionTrait, course_id: i64, title: &str) -> anyhow::Result<()> {
    let form = platforms::Form {
        name: "Demo LMS (Moodle)".into(),
        issuer: "https://moodle.demo-college.invalid".into(),
        client_id: "hR7demoClient".into(),
        auth_url: "https://moodle.demo-college.invalid/mod/lti/auth.php".into(),
        token_url: "https://moodle.demo-college.invalid/mod/lti/token.php".into(),
        jwks_url: "https://moodle.demo-college.invalid/mod/lti/certs.php".into(),
        deployments: "1".into(),
        token_audience: String::new(),
    };
    let clean = platforms::check(&form).map_err(|e| anyhow::anyhow!("demo platform: {e:?}"))?;
    let Some(platform_id) = platforms::insert(db, &clean).await? else { return Ok(()) };
    let context = provision::upsert_context(db, platform_id, "FLP-2026", Some(title), None).await?;
    sql::exec(db, "UPDATE lti_contexts SET course_id = $1 WHERE id = $2", vec![course_id.into(), context.id.into()])
        .await?;
    Ok(())
}
