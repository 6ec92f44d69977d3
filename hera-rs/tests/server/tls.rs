//! A TLS front for the fake Argo Server: rustls on 127.0.0.1, certificates
//! made at test time by rcgen (a CA, a server certificate it signs, and a
//! client certificate for servers that ask for one). Each connection is
//! one request (the fake answers `Connection: close`): the request is read
//! from TLS, sent to the plain fake, and its answer copied back until the
//! fake closes.

use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// A certificate and its key, in DER and as PEM files.
pub struct Pair {
    cert: CertificateDer<'static>,
    key: Vec<u8>,
    /// The certificate's PEM file.
    pub cert_file: PathBuf,
    /// The key's PEM file.
    pub key_file: PathBuf,
}

/// A test CA and what it signs.
pub struct Certs {
    /// The CA certificate's PEM file.
    pub ca_file: PathBuf,
    ca: CertificateDer<'static>,
    issuer: Issuer<'static, KeyPair>,
    dir: PathBuf,
}

impl Certs {
    /// A new CA, its certificate written under `dir`.
    pub fn new(dir: &Path, name: &str) -> Certs {
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.distinguished_name.push(DnType::CommonName, format!("hera test CA {name}"));
        let key = KeyPair::generate().unwrap();
        let cert = params.self_signed(&key).unwrap();
        let ca_file = dir.join(format!("{name}-ca.pem"));
        std::fs::write(&ca_file, cert.pem()).unwrap();
        Certs { ca_file, ca: cert.der().clone(), issuer: Issuer::new(params, key), dir: dir.to_owned() }
    }

    /// A certificate for `names` (DNS names or IP addresses), signed by the CA.
    pub fn sign(&self, file: &str, names: &[&str]) -> Pair {
        let mut params =
            CertificateParams::new(names.iter().map(|n| (*n).to_owned()).collect::<Vec<_>>()).unwrap();
        params.distinguished_name.push(DnType::CommonName, file);
        let key = KeyPair::generate().unwrap();
        let cert = params.signed_by(&key, &self.issuer).unwrap();
        let cert_file = self.dir.join(format!("{file}.pem"));
        let key_file = self.dir.join(format!("{file}-key.pem"));
        std::fs::write(&cert_file, cert.pem()).unwrap();
        std::fs::write(&key_file, key.serialize_pem()).unwrap();
        Pair { cert: cert.der().clone(), key: key.serialize_der(), cert_file, key_file }
    }
}

/// A running TLS front; stops when dropped.
pub struct TlsFront {
    /// Its port on 127.0.0.1.
    pub port: u16,
    stop: Arc<AtomicBool>,
}

impl TlsFront {
    /// Serves `server` (its certificate) in front of the fake on
    /// `backend`; with `clients`, asks for a client certificate signed by
    /// that CA.
    pub fn start(backend: u16, server: &Pair, clients: Option<&Certs>) -> TlsFront {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let builder = rustls::ServerConfig::builder_with_provider(provider.clone())
            .with_safe_default_protocol_versions();
        let builder = builder.unwrap();
        let builder = match clients {
            Some(ca) => {
                let mut roots = rustls::RootCertStore::empty();
                roots.add(ca.ca.clone()).unwrap();
                let verifier =
                    rustls::server::WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider)
                        .build()
                        .unwrap();
                builder.with_client_cert_verifier(verifier)
            }
            None => builder.with_no_client_auth(),
        };
        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(server.key.clone()));
        let config = Arc::new(builder.with_single_cert(vec![server.cert.clone()], key).unwrap());
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let stop = Arc::new(AtomicBool::new(false));
        let stop2 = stop.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stop2.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let config = config.clone();
                std::thread::spawn(move || {
                    let _ = relay(stream, config, backend);
                });
            }
        });
        TlsFront { port, stop }
    }
}

impl Drop for TlsFront {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

/// One request through TLS to the fake and its answer back.
fn relay(stream: TcpStream, config: Arc<rustls::ServerConfig>, backend: u16) -> std::io::Result<()> {
    stream.set_read_timeout(Some(std::time::Duration::from_secs(10)))?;
    let connection = rustls::ServerConnection::new(config).map_err(std::io::Error::other)?;
    let mut tls = rustls::StreamOwned::new(connection, stream);
    // The request: headers, then Content-Length bytes of body.
    let mut request = Vec::new();
    let mut buffer = [0u8; 8192];
    let head_end = loop {
        let n = tls.read(&mut buffer)?;
        if n == 0 {
            return Ok(());
        }
        request.extend_from_slice(&buffer[..n]);
        if let Some(i) = request.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
    };
    let head = String::from_utf8_lossy(&request[..head_end]).to_ascii_lowercase();
    let length: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    while request.len() < head_end + length {
        let n = tls.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        request.extend_from_slice(&buffer[..n]);
    }
    let mut plain = TcpStream::connect(("127.0.0.1", backend))?;
    plain.write_all(&request)?;
    loop {
        let n = plain.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        tls.write_all(&buffer[..n])?;
        tls.flush()?;
    }
    tls.conn.send_close_notify();
    tls.flush()
}
