fn main() {
    let path = std::env::args().nth(1).unwrap();
    let src = std::fs::read_to_string(path).unwrap();
    match hera::yaml::documents(&src) {
        Ok(d) => print!("{}", hera::yaml::to_string_all(&d).unwrap()),
        Err(e) => eprintln!("{e}"),
    }
}
