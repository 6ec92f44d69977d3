use hera::script;

#[script]
async fn fetch(url: String) -> String {
    url
}

fn main() {}
