//! The picture an LMS offers for a person (`picture` in a launch or a Names and Roles
//! member): which addresses the server may fetch it from and what it may be. Fetching
//! a URL someone else chose is how a server is made to reach its own network (SSRF), so
//! only http(s) to public addresses, with the type and size bounded; the caller pins
//! the connection to the address checked here, so a second DNS answer cannot differ.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// The largest picture we read (bytes); a profile photo needs far less.
pub const MAX_BYTES: usize = 5 * 1024 * 1024;
/// The longest address we keep.
pub const MAX_URL: usize = 2000;

/// The scheme, host and port of an address worth fetching, or `None`: http(s) only, a
/// host, no credentials, not over-long.
pub fn target(raw: &str) -> Option<(String, String, u16)> {
    if raw.len() > MAX_URL || raw.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    let (scheme, rest) = raw.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "https" => 443,
        "http" => 80,
        _ => return None,
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.is_empty() || authority.contains('@') {
        return None;
    }
    let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
        let (h, after) = v6.split_once(']')?;
        let port = match after.strip_prefix(':') {
            Some(p) => p.parse().ok()?,
            None if after.is_empty() => default_port,
            None => return None,
        };
        (h.to_string(), port)
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h.to_string(), p.parse().ok()?),
            None => (authority.to_string(), default_port),
        }
    };
    if host.is_empty() || port == 0 {
        return None;
    }
    Some((scheme, host.to_ascii_lowercase(), port))
}

/// Whether `ip` is on the public internet. Loopback, private, link-local, shared
/// (carrier NAT), documentation, benchmarking, multicast and reserved ranges are not;
/// an IPv6 address carrying an IPv4 one is judged by that.
pub fn public_address(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => public_v4(v4),
        IpAddr::V6(v6) => public_v6(v6),
    }
}

fn public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    !(a == 0
        || a == 10
        || a == 127
        || (a == 100 && (64..128).contains(&b))
        || (a == 169 && b == 254)
        || (a == 172 && (16..32).contains(&b))
        || (a == 192 && b == 0 && c == 0)
        || (a == 192 && b == 0 && c == 2)
        || (a == 192 && b == 88 && c == 99)
        || (a == 192 && b == 168)
        || (a == 198 && (18..20).contains(&b))
        || (a == 198 && b == 51 && c == 100)
        || (a == 203 && b == 0 && c == 113)
        || a >= 224)
}

fn public_v6(ip: Ipv6Addr) -> bool {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return public_v4(v4);
    }
    let s = ip.segments();
    // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) reach an IPv4 address.
    if s[0] == 0x64 && s[1] == 0xff9b && s[2..6] == [0, 0, 0, 0] {
        return public_v4(Ipv4Addr::new((s[6] >> 8) as u8, s[6] as u8, (s[7] >> 8) as u8, s[7] as u8));
    }
    if s[0] == 0x2002 {
        return public_v4(Ipv4Addr::new((s[1] >> 8) as u8, s[1] as u8, (s[2] >> 8) as u8, s[2] as u8));
    }
    !(ip.is_unspecified()
        || ip.is_loopback()
        || s[0] & 0xfe00 == 0xfc00 // unique local
        || s[0] & 0xffc0 == 0xfe80 // link-local
        || s[0] & 0xff00 == 0xff00 // multicast
        || (s[0] == 0x2001 && s[1] == 0x0db8) // documentation
        || (s[0] == 0 && s[1..6] == [0, 0, 0, 0, 0])) // IPv4-compatible (deprecated)
}

/// Whether a response's `Content-Type` names a picture we can decode (the bytes are
/// sniffed again after).
pub fn image_type(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    matches!(essence.as_str(), "image/jpeg" | "image/jpg" | "image/png" | "image/webp")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn only_http_addresses_with_a_host() {
        assert_eq!(target("https://lms.example/u/1.png"), Some(("https".into(), "lms.example".into(), 443)));
        assert_eq!(target("HTTP://LMS.example:8080/p?x=1"), Some(("http".into(), "lms.example".into(), 8080)));
        assert_eq!(target("http://[::1]:9/p"), Some(("http".into(), "::1".into(), 9)));
        for bad in [
            "ftp://lms.example/p.png",
            "file:///etc/passwd",
            "https://user:pw@lms.example/p.png",
            "https:///p.png",
            "https://lms.example:0/p",
            "https://lms.example:99999/p",
            "https://lms.example/a b",
            "javascript:alert(1)",
            "",
        ] {
            assert_eq!(target(bad), None, "{bad}");
        }
        assert_eq!(target(&format!("https://lms.example/{}", "a".repeat(MAX_URL))), None);
    }

    #[test]
    fn private_and_special_addresses_are_not_public() {
        for ip in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "224.0.0.1",
            "255.255.255.255",
            "::1",
            "::",
            "fd00::1",
            "fe80::1",
            "ff02::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "64:ff9b::a9fe:a9fe",
            "2002:7f00:1::",
            "2001:db8::1",
        ] {
            assert!(!public_address(ip.parse().unwrap()), "{ip}");
        }
        for ip in ["8.8.8.8", "172.32.0.1", "151.101.1.1", "2606:4700::1111", "::ffff:8.8.4.4"] {
            assert!(public_address(ip.parse().unwrap()), "{ip}");
        }
    }

    #[test]
    fn picture_types() {
        assert!(image_type("image/png"));
        assert!(image_type("Image/JPEG; charset=binary"));
        assert!(!image_type("image/svg+xml"));
        assert!(!image_type("text/html"));
        assert!(!image_type(""));
    }

    proptest! {
        #[test]
        fn private_ranges_stay_private_however_written(a in any::<u8>(), b in any::<u8>(), c in any::<u8>()) {
            for v4 in [Ipv4Addr::new(10, a, b, c), Ipv4Addr::new(127, a, b, c), Ipv4Addr::new(192, 168, a, b),
                       Ipv4Addr::new(172, 16 + (a % 16), b, c), Ipv4Addr::new(169, 254, a, b)] {
                prop_assert!(!public_address(IpAddr::V4(v4)));
                prop_assert!(!public_address(IpAddr::V6(v4.to_ipv6_mapped())));
            }
        }

        #[test]
        fn any_scheme_but_http_is_refused(s in "[a-z]{1,8}", rest in "[a-z./]{0,20}") {
            prop_assume!(s != "http" && s != "https");
            let url = format!("{s}://{rest}");
            prop_assert_eq!(target(&url), None);
        }
    }
}
