//! TLS against a real TLS server on 127.0.0.1 (the fake behind rustls):
//! ARGO_SECURE, ARGO_INSECURE_SKIP_VERIFY / -k, --ca-cert (the argo CLI's
//! --certificate-authority), client certificates, and the typed error for
//! a certificate the client does not trust.

use super::fake::{Behaviour, Fake};
use super::tls::{Certs, TlsFront};
use super::{WORKFLOW, file, hera};

fn path(p: &std::path::Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn a_server_certificate_is_trusted_through_the_ca_given_and_refused_otherwise() {
    let fake = Fake::start(Behaviour::default());
    let dir = tempfile::tempdir().unwrap();
    let certs = Certs::new(dir.path(), "test");
    let server = certs.sign("server", &["127.0.0.1", "localhost"]);
    let front = TlsFront::start(fake.port, &server, None);
    // host:port: https is implied (ARGO_SECURE unset).
    let address = format!("127.0.0.1:{}", front.port);
    let untrusted = hera(Some(&address), &[], &["workflows"]);
    assert_eq!(untrusted.code, 2, "{}", untrusted.stderr);
    assert!(
        untrusted.stderr.contains(&format!(
            "the Argo Server at https://{address} presented a certificate this client does not trust: \
             it is not signed by a CA this client trusts"
        )),
        "{}",
        untrusted.stderr
    );
    assert!(untrusted.stderr.contains("--ca-cert FILE"), "{}", untrusted.stderr);
    assert!(fake.requests().is_empty(), "nothing reached the server: {:?}", fake.requests());
    // --ca-cert, and the argo CLI's spelling of it.
    for flag in ["--ca-cert", "--certificate-authority"] {
        let run = hera(Some(&address), &[], &["workflows", flag, path(&certs.ca_file)]);
        assert_eq!(run.code, 0, "{flag}: {}", run.stderr);
    }
    assert_eq!(fake.requests(), ["GET /api/v1/workflows/argo", "GET /api/v1/workflows/argo"]);
    // A full https:// URL, and localhost (the other name in the certificate).
    let url = format!("https://localhost:{}", front.port);
    assert_eq!(hera(Some(&url), &[], &["workflows", "--ca-cert", path(&certs.ca_file)]).code, 0);
    // Another CA's certificate replaces the system roots: still untrusted.
    let other = Certs::new(dir.path(), "other");
    let run = hera(Some(&address), &[], &["workflows", "--ca-cert", path(&other.ca_file)]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("it is not signed by a CA this client trusts"), "{}", run.stderr);
}

#[test]
fn skipping_verification_by_variable_or_flag() {
    let fake = Fake::start(Behaviour::default());
    let dir = tempfile::tempdir().unwrap();
    let certs = Certs::new(dir.path(), "test");
    let server = certs.sign("server", &["127.0.0.1"]);
    let front = TlsFront::start(fake.port, &server, None);
    let address = format!("127.0.0.1:{}", front.port);
    let run = hera(Some(&address), &[("ARGO_INSECURE_SKIP_VERIFY", "true")], &["workflows"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for flag in ["-k", "--insecure-skip-verify"] {
        let run = hera(Some(&address), &[], &["workflows", flag]);
        assert_eq!(run.code, 0, "{flag}: {}", run.stderr);
    }
    // Only "true" turns it on, as in the argo CLI.
    let run = hera(Some(&address), &[("ARGO_INSECURE_SKIP_VERIFY", "1")], &["workflows"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("does not trust"), "{}", run.stderr);
}

#[test]
fn a_certificate_for_another_host_is_refused_by_name() {
    let fake = Fake::start(Behaviour::default());
    let dir = tempfile::tempdir().unwrap();
    let certs = Certs::new(dir.path(), "test");
    let server = certs.sign("elsewhere", &["argo.example.com"]);
    let front = TlsFront::start(fake.port, &server, None);
    let address = format!("127.0.0.1:{}", front.port);
    let run = hera(Some(&address), &[], &["workflows", "--ca-cert", path(&certs.ca_file)]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("it is not valid for the host name in the server URL"), "{}", run.stderr);
}

#[test]
fn argo_secure_false_speaks_plain_http_and_https_to_a_plain_server_says_so() {
    let fake = Fake::start(Behaviour::default());
    let address = format!("127.0.0.1:{}", fake.port);
    let run = hera(Some(&address), &[("ARGO_SECURE", "false")], &["workflows"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = hera(Some(&address), &[], &["workflows"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "TLS with the Argo Server at https://{address} failed: the server does not answer in TLS \
             (a plain HTTP server needs ARGO_SECURE=false or an http:// URL)"
        )),
        "{}",
        run.stderr
    );
}

#[test]
fn a_server_asking_for_a_client_certificate_gets_one() {
    let fake = Fake::start(Behaviour::default());
    let dir = tempfile::tempdir().unwrap();
    let certs = Certs::new(dir.path(), "test");
    let server = certs.sign("server", &["127.0.0.1"]);
    let client = certs.sign("client", &["hera-client"]);
    let front = TlsFront::start(fake.port, &server, Some(&certs));
    let address = format!("127.0.0.1:{}", front.port);
    let ca = path(&certs.ca_file);
    let run = hera(Some(&address), &[], &["workflows", "--ca-cert", ca]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "TLS with the Argo Server at https://{address} failed: the server asks for a client certificate"
        )),
        "{}",
        run.stderr
    );
    // One signed by another CA is refused by the server.
    let stranger = Certs::new(dir.path(), "other").sign("stranger", &["stranger"]);
    let run = hera(
        Some(&address),
        &[],
        &[
            "workflows",
            "--ca-cert",
            ca,
            "--client-certificate",
            path(&stranger.cert_file),
            "--client-key",
            path(&stranger.key_file),
        ],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("the server refused the client certificate"), "{}", run.stderr);
    let run = hera(
        Some(&address),
        &[],
        &[
            "workflows",
            "--ca-cert",
            ca,
            "--client-certificate",
            path(&client.cert_file),
            "--client-key",
            path(&client.key_file),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Both or neither, as the argo CLI says.
    let run = hera(Some(&address), &[], &["workflows", "--client-certificate", path(&client.cert_file)]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("--client-key"), "{}", run.stderr);
}

#[test]
fn streams_work_over_tls() {
    let fake = Fake::start(Behaviour::default());
    let dir = tempfile::tempdir().unwrap();
    let certs = Certs::new(dir.path(), "test");
    let server = certs.sign("server", &["127.0.0.1"]);
    let front = TlsFront::start(fake.port, &server, None);
    let wf = file(dir.path(), "wf.yaml", WORKFLOW);
    let address = format!("127.0.0.1:{}", front.port);
    let run =
        hera(Some(&address), &[], &["submit", &wf, "--wait", "--log", "--ca-cert", path(&certs.ca_file)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("-main-1: from the fake"), "{}", run.stderr);
    assert!(run.stderr.contains("Succeeded"), "{}", run.stderr);
}
