//! What every page shares: the request context (who is asking, in which language, with
//! which CSRF token), the extractors handlers use to ask the policy, and page rendering.

pub mod context;
pub mod cookies;
pub mod csrf;
pub mod defences;
pub mod extract;
pub mod forwarded;
pub mod page;
pub mod paging;
pub mod redirect;

pub use context::{CurrentUser, ReqCtx};
pub use extract::{CourseCtx, SignedIn, Viewer};
pub use page::{Page, render, with_notice};
