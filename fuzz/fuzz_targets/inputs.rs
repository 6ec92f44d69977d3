//! The script runner's inputs file (`{{inputs.parameters}}` as JSON) and
//! decoding each parameter as the `#[script]` types do.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(inputs) = hera::__private_0_1::Inputs::parse(text) else { return };
    let names: Vec<String> = inputs.names().map(str::to_owned).collect();
    for name in &names {
        let _ = inputs.parameter::<String>(name, "String");
        let _ = inputs.parameter::<i64>(name, "i64");
        let _ = inputs.parameter::<f64>(name, "f64");
        let _ = inputs.parameter::<bool>(name, "bool");
        let _ = inputs.parameter::<Vec<String>>(name, "Vec<String>");
        let _ = inputs.parameter::<Option<u32>>(name, "Option<u32>");
        let _ = inputs.parameter::<serde_json::Value>(name, "Value");
        let _ = inputs.artifact(name);
    }
});
