//! Homeroom's institution rules, with no I/O: which LTI 1.3 launches to accept and what
//! they say (after the caller has checked the token's signature against the platform's
//! keys), how the institution's roles map to Homeroom's, how a Names and Roles roster
//! pages and what a sync changes, and OneRoster 1.2 CSV rosters.

pub mod deep_link;
pub mod dynreg;
pub mod groups;
pub mod launch;
pub mod nrps;
pub mod oneroster;
pub mod picture;
pub mod roles;
