//! The generator and the runtime hash object keys the same way: every key of every object of the
//! spec lands where the runtime looks for it.

use twocheckout_codegen::model::TypeDef;

#[test]
fn generator_and_runtime_hash_keys_alike() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../api-spec");
    let spec = twocheckout_codegen::load::load_dir(&dir).expect("the spec loads");
    let mut keys = 0;
    for def in &spec.types {
        let TypeDef::Struct(s) = def else { continue };
        for field in &s.fields {
            let key = field.wire_name.as_bytes();
            assert_eq!(
                twocheckout_codegen::emit::keys::key_hash(key),
                twocheckout_rpc::support::object::key_hash(key),
                "{}.{}",
                s.name,
                field.wire_name
            );
            keys += 1;
        }
    }
    assert!(keys > 500, "{keys} keys checked");
}
