//! LTI Dynamic Registration, started by the platform: the LMS opens
//! `/lti/register?openid_configuration=…&registration_token=…`. A site admin confirms;
//! we read the platform's OpenID configuration, post our tool registration to its
//! registration endpoint (with the one-time token), and store the platform with the
//! client id and deployment it answers. The last page tells the LMS's window we are done
//! (`postMessage`, from an external script).
//!
//! The LMS usually opens us in a frame, where our sign-in cookie (SameSite=Lax) is not
//! sent: the page then offers to continue in a window of its own, where the admin signs in.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use homeroom_lti::dynreg;
use serde::Deserialize;

use super::platforms;
use crate::app::AppState;
use crate::error::AppResult;
use crate::policy::Action;
use crate::web::extract::Viewer;
use crate::web::{Page, SignedIn, render};

#[derive(Clone, Debug, Default, Deserialize)]
pub struct Params {
    #[serde(default)]
    openid_configuration: String,
    #[serde(default)]
    registration_token: Option<String>,
}

#[derive(Template)]
#[template(path = "lti/register.html")]
struct RegisterPage {
    page: Page,
    params: Params,
    /// The same address, to open in a window of its own.
    here: String,
    admin: bool,
    error: Option<String>,
    done: Option<String>,
}

/// These pages may sit in the LMS's frame; they post only to us.
fn frameable(mut res: Response) -> Response {
    res.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
             object-src 'none'; base-uri 'none'; frame-ancestors *; form-action 'self'",
        ),
    );
    res
}

fn here(p: &Params) -> String {
    let mut q = vec![("openid_configuration", p.openid_configuration.as_str())];
    if let Some(t) = &p.registration_token {
        q.push(("registration_token", t));
    }
    format!("/lti/register?{}", serde_urlencoded::to_string(q).unwrap_or_default())
}

pub async fn start(State(state): State<AppState>, Viewer(ctx): Viewer, Query(p): Query<Params>) -> AppResult<Response> {
    let admin = ctx.user.as_ref().is_some_and(|u| u.is_site_admin);
    let _ = &state;
    let res = render(&RegisterPage {
        page: Page::new(&ctx, "lti-register-title"),
        here: here(&p),
        params: p,
        admin,
        error: None,
        done: None,
    })?;
    Ok(frameable(res))
}

/// Why a registration failed, for the admin (the platform's own words are kept short).
async fn register(state: &AppState, p: &Params) -> Result<String, String> {
    let client = super::verify::client();
    let mut get = client.get(&p.openid_configuration);
    if let Some(t) = &p.registration_token {
        get = get.bearer_auth(t);
    }
    let config: dynreg::OpenIdConfig = get
        .send()
        .await
        .and_then(|r| r.error_for_status())
        .map_err(|e| format!("configuration: {e}"))?
        .json()
        .await
        .map_err(|e| format!("configuration: {e}"))?;
    dynreg::check(&p.openid_configuration, &config).map_err(|e| e.to_string())?;
    let body = dynreg::registration(
        &state.config.base_url(),
        &state.site.get().name,
        &[super::sync::NRPS_SCOPE, homeroom_lti::groups::SCOPE],
    );
    let mut post = client.post(&config.registration_endpoint).json(&body);
    if let Some(t) = &p.registration_token {
        post = post.bearer_auth(t);
    }
    let answer: serde_json::Value = post
        .send()
        .await
        .and_then(|r| r.error_for_status())
        .map_err(|e| format!("registration: {e}"))?
        .json()
        .await
        .map_err(|e| format!("registration: {e}"))?;
    let (client_id, deployment) = dynreg::registered(&answer).map_err(|e| e.to_string())?;
    let Some(deployment) = deployment else {
        return Err("the platform made no deployment; add it on the LTI admin page".into());
    };
    let form = platforms::Form {
        name: dynreg::platform_name(&config),
        issuer: config.issuer.clone(),
        client_id,
        auth_url: config.authorization_endpoint.clone(),
        token_url: config.token_endpoint.clone(),
        jwks_url: config.jwks_uri.clone(),
        deployments: deployment,
        // The spec's name for the token endpoint's audience, when it is not the endpoint.
        token_audience: config.authorization_server.clone().unwrap_or_default(),
    };
    let clean = platforms::check(&form).map_err(|e| format!("{e:?}"))?;
    match platforms::insert(&state.db, &clean).await {
        Ok(Some(_)) => Ok(clean.name),
        Ok(None) => Err("this platform and client id are registered already".into()),
        Err(e) => Err(e.to_string()),
    }
}

pub async fn finish(State(state): State<AppState>, me: SignedIn, Form(p): Form<Params>) -> AppResult<Response> {
    me.require(&state, Action::AdministerSite).await?;
    crate::abuse::check_as(&state, &me.ctx, crate::abuse::Act::LtiLogin, None).await?;
    let outcome = register(&state, &p).await;
    if let Err(e) = &outcome {
        tracing::info!(config = %p.openid_configuration, error = %e, "LTI dynamic registration failed");
    }
    let failed = outcome.is_err();
    let (done, error) = match outcome {
        Ok(name) => (Some(name), None),
        Err(e) => (None, Some(e.chars().take(300).collect())),
    };
    let mut res = render(&RegisterPage {
        page: Page::new(&me.ctx, "lti-register-title"),
        here: here(&p),
        params: p,
        admin: true,
        error,
        done,
    })?;
    if failed {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(frameable(res))
}
