//! The Argo Server client reading arbitrary answers: a server on 127.0.0.1
//! answers every request with the status and body the input gives, and the
//! real client calls (a get, a list, a watch stream, a log stream) must end
//! in a value or a typed error, never a panic or a hang.
//!
//! Input: byte 0 picks the call, byte 1 the status, the rest is the body.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

/// The answer to every request: status and body.
static ANSWER: Mutex<(u16, Vec<u8>)> = Mutex::new((200, Vec::new()));

/// The URL of the answering server, started once.
fn server() -> &'static str {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a local port");
        let url = format!("http://{}", listener.local_addr().expect("bound"));
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let mut head = Vec::new();
                let mut buffer = [0u8; 4096];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match stream.read(&mut buffer) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => head.extend_from_slice(&buffer[..n]),
                    }
                }
                let (status, body) = ANSWER.lock().expect("not poisoned").clone();
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status} Answer\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = stream.write_all(&body);
            }
        });
        url
    })
}

thread_local! {
    // libFuzzer calls the target on one thread; the client is not `Sync`.
    static CLIENT: hera::server::Client = {
        let mut config = hera::server::Config::new(server()).expect("a local URL");
        config.request_timeout = Duration::from_secs(5);
        hera::server::Client::new(config).expect("a client")
    };
}

const STATUSES: [u16; 8] = [200, 200, 200, 400, 401, 404, 409, 500];

fuzz_target!(|data: &[u8]| {
    let [call, status, body @ ..] = data else { return };
    *ANSWER.lock().expect("not poisoned") = (STATUSES[usize::from(*status) % STATUSES.len()], body.to_vec());
    let ns = "argo";
    CLIENT.with(|client| match call % 6 {
        0 => drop(client.get_workflow(ns, "w")),
        1 => drop(client.list_workflows(ns, None)),
        2 => drop(client.watch_workflow(ns, "w", Some(Duration::from_secs(5)), |_| {})),
        3 => drop(client.logs(ns, "w", &hera::server::LogOptions::default(), |_| {})),
        4 => drop(client.get::<hera::model::WorkflowTemplate>(ns, "t")),
        _ => drop(client.list::<hera::model::CronWorkflow>(ns)),
    });
});
