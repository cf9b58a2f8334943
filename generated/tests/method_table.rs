//! The method table (`__visit_methods`) names every spec method once, and reading an answer
//! through it fails with the method's name and the first characters of the body. The fuzz
//! target `response` relies on both; its findings are kept here as regression cases.

use std::path::Path;

use twocheckout::{__MethodVisitor, __visit_methods};
use twocheckout_rpc::{Error, Method};

type Read = fn(u16, Vec<u8>, u64) -> Result<(), Error>;

fn read_as<M: Method>(status: u16, body: Vec<u8>, id: u64) -> Result<(), Error> {
    twocheckout_rpc::__private::read_answer::<M>(status, body, id).map(|_| ())
}

struct Collect(Vec<(&'static str, &'static str, Read)>);

impl __MethodVisitor for Collect {
    fn visit<M: Method>(&mut self, module: &'static str) {
        self.0.push((M::NAME, module, read_as::<M>));
    }
}

fn methods() -> Vec<(&'static str, &'static str, Read)> {
    let mut collect = Collect(Vec::new());
    __visit_methods(&mut collect);
    collect.0
}

fn read(name: &str, status: u16, body: &[u8]) -> Result<(), Error> {
    let (_, _, read) = methods()
        .into_iter()
        .find(|(n, _, _)| *n == name)
        .unwrap_or_else(|| panic!("no method {name}"));
    read(status, body.to_vec(), 1)
}

#[test]
fn every_spec_method_is_visited_once_with_its_module() {
    let spec = twocheckout_codegen::load::load_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../api-spec"),
    )
    .expect("the spec loads");
    let visited = methods();
    assert_eq!(visited.len(), spec.methods.len());
    for ((name, module, _), method) in visited.iter().zip(&spec.methods) {
        assert_eq!(*name, method.wire_name);
        assert_eq!(
            *module,
            twocheckout_codegen::load::module_name(&method.location.file)
        );
    }
}

#[test]
fn a_result_decodes_and_a_broken_body_names_the_method_and_its_start() {
    assert!(read("searchPartners", 200, br#"{"id":1,"result":[]}"#).is_ok());
    assert!(read("searchPartners", 200, br#"{"id":2,"result":[]}"#).is_err());
    match read("getProductByCode", 200, b"{\"id\":1,\"result\":[1,") {
        Err(Error::Malformed {
            method, excerpt, ..
        }) => {
            assert_eq!(method, "getProductByCode");
            assert_eq!(excerpt, "{\"id\":1,\"result\":[1,");
        }
        other => panic!("{other:?}"),
    }
    match read("searchPartners", 502, b"<html>\n\n  Bad gateway</html>") {
        Err(Error::Http {
            method,
            status,
            excerpt,
        }) => {
            assert_eq!((method, status), ("searchPartners", 502));
            assert_eq!(excerpt, "<html> Bad gateway</html>");
        }
        other => panic!("{other:?}"),
    }
}

/// Found by the `response` fuzz target: a body of white space after a cut-off envelope left
/// the excerpt empty ("body starts with: " and nothing), so the error did not show the body.
#[test]
fn a_blank_body_is_shown_escaped() {
    let input = b"getPartnerSubc\":\"2.0\",\"id\":1nt\": 0,\n       ";
    let body = &input[input.iter().position(|&b| b == b'\n').unwrap() + 1..];
    for (name, _, read) in methods() {
        match read(200, body.to_vec(), 1) {
            Err(Error::Malformed {
                method, excerpt, ..
            }) => {
                assert_eq!(method, name);
                // A login answer is never shown: it carries the session id.
                if !excerpt.starts_with("<withheld") {
                    assert_eq!(
                        excerpt,
                        r#"<only white space or control characters: "       ">"#
                    );
                }
            }
            other => panic!("{name}: {other:?}"),
        }
    }
    match read("login", 503, b"\r\n") {
        Err(Error::Http { excerpt, .. }) => {
            assert!(excerpt.starts_with("<withheld"), "{excerpt}");
        }
        other => panic!("{other:?}"),
    }
}
