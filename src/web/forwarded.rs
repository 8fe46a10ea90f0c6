//! The client's address behind reverse proxies. Each proxy appends the address it saw
//! to `X-Forwarded-For`, so only the entries the operator's own proxies wrote (the last
//! `hops` of them) can be believed: anything to their left came from the client, who
//! may write what they like there to dodge a per-address limit. Pure.

use std::net::IpAddr;

/// The address to count a request against. `peer` is the connection's other end;
/// `forwarded_for` the `X-Forwarded-For` header values in the order received; `hops`
/// how many proxies the operator runs in front of us.
pub fn client_ip(peer: Option<IpAddr>, forwarded_for: &[&str], hops: u8) -> String {
    let peer_text = || peer.map(|p| p.to_string()).unwrap_or_else(|| "unknown".into());
    if hops == 0 {
        return peer_text();
    }
    let entries: Vec<&str> = forwarded_for.iter().flat_map(|v| v.split(',')).map(str::trim).collect();
    // The entry written by the outermost of our proxies: `hops` from the right. With
    // fewer entries the request did not come through all of them; the connection's
    // own address is then the one thing we know.
    let Some(i) = entries.len().checked_sub(hops as usize) else { return peer_text() };
    match parse(entries[i]) {
        Some(ip) => ip.to_string(),
        None => peer_text(),
    }
}

/// An address as proxies write it: bare, `[v6]`, or with a port.
fn parse(entry: &str) -> Option<IpAddr> {
    if let Ok(ip) = entry.parse() {
        return Some(ip);
    }
    if let Ok(sock) = entry.parse::<std::net::SocketAddr>() {
        return Some(sock.ip());
    }
    entry.strip_prefix('[').and_then(|e| e.strip_suffix(']')).and_then(|e| e.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn peer() -> Option<IpAddr> {
        Some("10.0.0.9".parse().unwrap())
    }

    #[test]
    fn without_proxies_the_header_is_ignored() {
        assert_eq!(client_ip(peer(), &["203.0.113.7"], 0), "10.0.0.9");
        assert_eq!(client_ip(None, &[], 0), "unknown");
    }

    #[test]
    fn hops_count_from_the_right() {
        // One proxy: it appended the address it saw; the client forged the rest.
        assert_eq!(client_ip(peer(), &["1.2.3.4, 198.51.100.20"], 1), "198.51.100.20");
        assert_eq!(client_ip(peer(), &["1.2.3.4", "198.51.100.20"], 1), "198.51.100.20");
        // Two proxies: a CDN then a load balancer.
        assert_eq!(client_ip(peer(), &["1.2.3.4, 198.51.100.20, 192.0.2.1"], 2), "198.51.100.20");
        assert_eq!(client_ip(peer(), &["[2001:db8::1]:4711, 192.0.2.1"], 2), "2001:db8::1");
        assert_eq!(client_ip(peer(), &["198.51.100.20:5000"], 1), "198.51.100.20");
    }

    #[test]
    fn too_few_or_unreadable_entries_fall_back_to_the_connection() {
        assert_eq!(client_ip(peer(), &["198.51.100.20"], 2), "10.0.0.9");
        assert_eq!(client_ip(peer(), &[], 1), "10.0.0.9");
        assert_eq!(client_ip(peer(), &["not-an-address"], 1), "10.0.0.9");
    }

    proptest! {
        #[test]
        fn what_the_client_writes_changes_nothing(forged in proptest::collection::vec("\\PC{0,20}", 0..4), hops in 1u8..4) {
            // The proxies' own entries, as they would append them.
            let real: Vec<String> = (0..hops).map(|i| format!("192.0.2.{}", i + 1)).collect();
            let honest = client_ip(peer(), &[real.join(", ").as_str()], hops);
            let forged_header = forged.iter().map(|f| f.replace(',', " ")).chain(real.iter().cloned()).collect::<Vec<_>>().join(", ");
            prop_assert_eq!(client_ip(peer(), &[forged_header.as_str()], hops), honest);
        }
    }
}
