//! The site's settings: its name, who may start courses, and the language and time zone
//! for visitors (and the preselected ones where the site asks). Stored as rows of
//! `site_settings`; every request reads them from a cache in `AppState` rather than the
//! database, so no page costs a statement more. The cache is filled on start, after a
//! save, and once a minute by the job worker (so other replicas follow within a minute).

use std::sync::{Arc, RwLock};

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Redirect, Response};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, Set, TransactionTrait};
use serde::Deserialize;

use crate::app::AppState;
use crate::db::entity::site_setting;
use crate::error::AppResult;
use crate::i18n::Locale;
use crate::policy::{Action, Creators};
use crate::web::{Page, SignedIn, render, with_notice};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteSettings {
    pub name: String,
    pub creators: Creators,
    pub locale: Locale,
    pub time_zone: String,
}

impl Default for SiteSettings {
    fn default() -> Self {
        SiteSettings { name: "Homeroom".into(), creators: Creators::Staff, locale: Locale::En, time_zone: "UTC".into() }
    }
}

const NAME: &str = "site_name";
const CREATORS: &str = "course_creators";
const LOCALE: &str = "default_locale";
const ZONE: &str = "default_time_zone";
pub const MAX_NAME: usize = 80;

/// The settings as this process last read them.
#[derive(Clone, Default)]
pub struct SiteCache(Arc<RwLock<SiteSettings>>);

impl SiteCache {
    pub fn get(&self) -> SiteSettings {
        self.0.read().map(|s| s.clone()).unwrap_or_default()
    }

    pub async fn reload(&self, db: &impl ConnectionTrait) -> Result<(), DbErr> {
        let fresh = load(db).await?;
        if let Ok(mut s) = self.0.write() {
            *s = fresh;
        }
        Ok(())
    }
}

pub async fn load(db: &impl ConnectionTrait) -> Result<SiteSettings, DbErr> {
    let rows = site_setting::Entity::find().all(db).await?;
    let get = |k: &str| rows.iter().find(|r| r.key == k).map(|r| r.value.clone());
    let d = SiteSettings::default();
    Ok(SiteSettings {
        name: get(NAME).filter(|n| !n.trim().is_empty()).unwrap_or(d.name),
        creators: get(CREATORS).and_then(|c| Creators::parse(&c)).unwrap_or(d.creators),
        locale: get(LOCALE).and_then(|l| Locale::parse(&l)).unwrap_or(d.locale),
        time_zone: get(ZONE).filter(|z| crate::validate::time_zone(z).is_ok()).unwrap_or(d.time_zone),
    })
}

async fn save(db: &sea_orm::DatabaseConnection, s: &SiteSettings) -> Result<(), DbErr> {
    let txn = db.begin().await?;
    for (k, v) in
        [(NAME, s.name.as_str()), (CREATORS, s.creators.as_str()), (LOCALE, s.locale.code()), (ZONE, &s.time_zone)]
    {
        site_setting::Entity::insert(site_setting::ActiveModel { key: Set(k.into()), value: Set(v.into()) })
            .on_conflict(
                OnConflict::column(site_setting::Column::Key).update_column(site_setting::Column::Value).to_owned(),
            )
            .exec_without_returning(&txn)
            .await?;
    }
    txn.commit().await
}

#[derive(Default, Deserialize)]
pub(super) struct SettingsForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    creators: String,
    #[serde(default)]
    locale: String,
    #[serde(default)]
    time_zone: String,
}

#[derive(Default)]
pub(super) struct SettingsErrors {
    name: Option<String>,
    creators: Option<String>,
    locale: Option<String>,
    time_zone: Option<String>,
}

impl SettingsErrors {
    fn any(&self) -> bool {
        self.name.is_some() || self.creators.is_some() || self.locale.is_some() || self.time_zone.is_some()
    }
}

#[derive(Template)]
#[template(path = "admin/settings.html")]
struct SettingsPage {
    page: Page,
    form: SettingsForm,
    errors: SettingsErrors,
    creators: [Creators; 3],
    locales: Vec<(&'static str, &'static str)>,
    zones: Vec<String>,
}

impl SettingsPage {
    fn creators_label(&self, c: &Creators) -> &'static str {
        match c {
            Creators::Anyone => "admin-settings-creators-anyone",
            Creators::Staff => "admin-settings-creators-staff",
            Creators::Admins => "admin-settings-creators-admins",
        }
    }
}

fn page(me: &SignedIn, form: SettingsForm, errors: SettingsErrors) -> AppResult<Response> {
    let status = if errors.any() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let mut res = render(&SettingsPage {
        page: Page::new(&me.ctx, "admin-settings-title"),
        form,
        errors,
        creators: Creators::ALL,
        locales: [Locale::En, Locale::Nb].into_iter().map(|l| (l.code(), l.native_name())).collect(),
        zones: crate::time::zone_names(),
    })?;
    *res.status_mut() = status;
    Ok(res)
}

pub(super) async fn settings_form(State(state): State<AppState>, me: SignedIn) -> AppResult<Response> {
    me.require(&state, Action::AdministerSite).await?;
    let s = load(&state.db).await?;
    let form = SettingsForm {
        name: s.name,
        creators: s.creators.as_str().into(),
        locale: s.locale.code().into(),
        time_zone: s.time_zone,
    };
    page(&me, form, SettingsErrors::default())
}

pub(super) async fn save_settings(
    State(state): State<AppState>,
    me: SignedIn,
    Form(f): Form<SettingsForm>,
) -> AppResult<Response> {
    me.require(&state, Action::AdministerSite).await?;
    let tr = me.ctx.tr();
    let mut e = SettingsErrors::default();
    let name = f.name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() || name.chars().count() > MAX_NAME {
        e.name = Some(tr.t("admin-settings-err-name"));
    }
    let creators = Creators::parse(&f.creators);
    if creators.is_none() {
        e.creators = Some(tr.t("admin-settings-err-creators"));
    }
    let locale = Locale::parse(&f.locale);
    if locale.is_none() {
        e.locale = Some(tr.t("admin-settings-err-locale"));
    }
    let zone =
        crate::validate::time_zone(&f.time_zone).map_err(|crate::validate::Invalid(m)| e.time_zone = Some(tr.t(m)));
    let (Some(creators), Some(locale), Ok(time_zone), false) = (creators, locale, zone, e.any()) else {
        return page(&me, f, e);
    };
    save(&state.db, &SiteSettings { name, creators, locale, time_zone }).await?;
    state.site.reload(&state.db).await?;
    Ok(with_notice("notice-saved", Redirect::to("/admin/settings"), me.ctx.secure))
}
