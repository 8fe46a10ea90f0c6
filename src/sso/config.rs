//! The identity providers an operator configured (`[[sso]]` tables in the config file),
//! checked when the server starts so a typo stops it with the field named rather than
//! failing at someone's first sign-in. Pure.

use serde::Deserialize;

/// One provider as written in the config file.
#[derive(Deserialize, Clone, Default)]
#[serde(deny_unknown_fields)]
pub struct ProviderFile {
    /// In the provider's addresses (`/sso/<id>/start`): lowercase letters, digits, `-`.
    pub id: String,
    /// Shown on the button: "Sign in with <name>".
    pub name: String,
    /// The issuer; its discovery document is at `<issuer>/.well-known/openid-configuration`.
    pub issuer: String,
    pub client_id: String,
    #[serde(default)]
    pub client_secret: Option<String>,
    /// The name of an environment variable holding the secret, to keep it out of the file.
    #[serde(default)]
    pub client_secret_env: Option<String>,
    /// Addresses at these domains sign in with this provider only: no password, no reset.
    #[serde(default)]
    pub sso_only_domains: Vec<String>,
}

impl std::fmt::Debug for ProviderFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProviderFile").field("id", &self.id).field("issuer", &self.issuer).finish_non_exhaustive()
    }
}

/// A provider ready to use.
#[derive(Clone, PartialEq, Eq)]
pub struct Provider {
    pub id: String,
    pub name: String,
    pub issuer: String,
    pub client_id: String,
    pub client_secret: String,
    pub sso_only_domains: Vec<String>,
}

// The secret never reaches a log line.
impl std::fmt::Debug for Provider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Provider")
            .field("id", &self.id)
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .field("sso_only_domains", &self.sso_only_domains)
            .finish_non_exhaustive()
    }
}

fn is_slug(s: &str) -> bool {
    !s.is_empty() && s.len() <= 40 && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A domain as written after `@`, lowercased; `None` when it cannot be one.
pub fn normalise_domain(raw: &str) -> Option<String> {
    let d = raw.trim().trim_start_matches('@').to_ascii_lowercase();
    let ok = !d.is_empty()
        && d.len() <= 253
        && d.contains('.')
        && d.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
        && !d.starts_with('.')
        && !d.ends_with('.');
    ok.then_some(d)
}

/// Check the providers; `env` reads an environment variable (a parameter so tests can
/// give their own).
pub fn resolve(files: Vec<ProviderFile>, env: impl Fn(&str) -> Option<String>) -> Result<Vec<Provider>, String> {
    let mut out: Vec<Provider> = vec![];
    for f in files {
        let at = if f.id.is_empty() { "an [[sso]] provider".to_string() } else { format!("sso provider {:?}", f.id) };
        if !is_slug(&f.id) {
            return Err(format!("{at}: id must be lowercase letters, digits and '-'"));
        }
        if out.iter().any(|p| p.id == f.id) {
            return Err(format!("{at}: two providers have this id"));
        }
        if f.name.trim().is_empty() {
            return Err(format!("{at}: name is missing"));
        }
        let issuer = f.issuer.trim().to_string();
        match url::Url::parse(&issuer) {
            Ok(u) if matches!(u.scheme(), "https" | "http") && u.host().is_some() && u.query().is_none() => {}
            _ => {
                return Err(format!(
                    "{at}: issuer must be an https:// (or, on loopback, http://) address without a query"
                ));
            }
        }
        if f.client_id.trim().is_empty() {
            return Err(format!("{at}: client_id is missing"));
        }
        let secret = match (f.client_secret, f.client_secret_env) {
            (Some(_), Some(_)) => return Err(format!("{at}: give client_secret or client_secret_env, not both")),
            (Some(s), None) => s,
            (None, Some(var)) => env(&var).ok_or_else(|| format!("{at}: environment variable {var} is not set"))?,
            (None, None) => return Err(format!("{at}: client_secret (or client_secret_env) is missing")),
        };
        if secret.is_empty() {
            return Err(format!("{at}: the client secret is empty"));
        }
        let mut domains = vec![];
        for d in &f.sso_only_domains {
            let n = normalise_domain(d).ok_or_else(|| format!("{at}: {d:?} in sso_only_domains is not a domain"))?;
            if out.iter().any(|p| p.sso_only_domains.contains(&n)) {
                return Err(format!("{at}: {n} is already SSO-only with another provider"));
            }
            domains.push(n);
        }
        out.push(Provider {
            id: f.id,
            name: f.name.trim().to_string(),
            issuer,
            client_id: f.client_id.trim().to_string(),
            client_secret: secret,
            sso_only_domains: domains,
        });
    }
    Ok(out)
}

/// The provider an address must sign in with, when its domain is SSO-only. The address
/// is compared by its domain after the last `@`, lowercased.
pub fn sso_only_for<'a>(providers: &'a [Provider], email: &str) -> Option<&'a Provider> {
    let domain = email.rsplit_once('@')?.1.trim().to_ascii_lowercase();
    providers.iter().find(|p| p.sso_only_domains.contains(&domain))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(id: &str) -> ProviderFile {
        ProviderFile {
            id: id.into(),
            name: "Uni".into(),
            issuer: "https://idp.uni.example".into(),
            client_id: "homeroom".into(),
            client_secret: Some("s3cret".into()),
            ..Default::default()
        }
    }

    #[test]
    fn a_good_provider_resolves_and_hides_its_secret() {
        let p = resolve(vec![file("uni")], |_| None).unwrap();
        assert_eq!(p[0].client_secret, "s3cret");
        assert!(!format!("{:?}", p[0]).contains("s3cret"));
    }

    #[test]
    fn mistakes_are_named() {
        let bad = |f: ProviderFile| resolve(vec![f], |_| None).unwrap_err();
        assert!(bad(file("Uni!")).contains("id"));
        assert!(bad(ProviderFile { issuer: "idp.uni".into(), ..file("uni") }).contains("issuer"));
        assert!(bad(ProviderFile { client_secret: None, ..file("uni") }).contains("client_secret"));
        assert!(bad(ProviderFile { sso_only_domains: vec!["not a domain".into()], ..file("uni") }).contains("domain"));
        assert!(resolve(vec![file("uni"), file("uni")], |_| None).unwrap_err().contains("two providers"));
    }

    #[test]
    fn the_secret_can_come_from_the_environment() {
        let f = ProviderFile { client_secret: None, client_secret_env: Some("UNI_SECRET".into()), ..file("uni") };
        let p = resolve(vec![f.clone()], |k| (k == "UNI_SECRET").then(|| "from-env".into())).unwrap();
        assert_eq!(p[0].client_secret, "from-env");
        assert!(resolve(vec![f], |_| None).unwrap_err().contains("UNI_SECRET"));
    }

    #[test]
    fn sso_only_matches_the_domain_whatever_its_case() {
        let f = ProviderFile { sso_only_domains: vec!["@Uni.Example".into()], ..file("uni") };
        let p = resolve(vec![f], |_| None).unwrap();
        assert_eq!(sso_only_for(&p, "ada@UNI.example").map(|p| p.id.as_str()), Some("uni"));
        assert!(sso_only_for(&p, "ada@sub.uni.example").is_none());
        assert!(sso_only_for(&p, "ada@other.example").is_none());
        assert!(sso_only_for(&p, "no-at-sign").is_none());
    }

    proptest::proptest! {
        #[test]
        fn only_addresses_at_the_listed_domain_are_sso_only(local in "[a-z0-9.]{1,20}", domain in "[a-z]{1,10}\\.[a-z]{2,5}") {
            let f = ProviderFile { sso_only_domains: vec!["uni.example".into()], ..file("uni") };
            let p = resolve(vec![f], |_| None).unwrap();
            let email = format!("{local}@{domain}");
            proptest::prop_assert_eq!(sso_only_for(&p, &email).is_some(), domain == "uni.example");
        }
    }
}
