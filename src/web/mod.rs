//! What every page shares: the request context (who is asking, in which language, with
//! which CSRF token), the extractors handlers use to ask the policy, and page rendering.

pub mod context;
pub mod cookies;
pub mod extract;
pub mod page;
pub mod paging;

pub use context::{CurrentUser, ReqCtx};
pub use extract::{CourseCtx, SignedIn, Viewer};
pub use page::{Page, render, with_notice};
