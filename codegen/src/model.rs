//! The checked model of a spec: what the emitter, the sandbox and the macro consume.
//!
//! A [`Spec`] only exists once every check has passed: every type reference resolves, names are
//! unique after renaming, required params precede optional ones. Consumers never re-validate.
//! Collections are ordered deterministically (by name), so output built from a model is stable.

/// A whole checked spec (one or more spec files).
#[derive(Debug, Clone, PartialEq)]
pub struct Spec {
    /// One module per spec file, ordered by name.
    pub modules: Vec<Module>,
    /// All methods, ordered by wire name, then by API families. One wire name appears more than
    /// once only for disjoint families on different endpoints, each time with its own Rust name
    /// (Channel Manager 2.1 `addProduct` and the merchant `addProduct`).
    pub methods: Vec<Method>,
    /// All named types (objects, enums, tagged unions), ordered by name.
    pub types: Vec<TypeDef>,
}

impl Spec {
    /// Looks a method up by the API family it is sent in and its wire name.
    pub fn method(&self, family: ApiFamily, wire_name: &str) -> Option<&Method> {
        self.methods_named(wire_name)
            .iter()
            .find(|m| m.apis.contains(&family))
    }

    /// Every method sent as `wire_name`, one per family group (usually zero or one).
    pub fn methods_named(&self, wire_name: &str) -> &[Method] {
        let start = self
            .methods
            .partition_point(|m| m.wire_name.as_str() < wire_name);
        let len = self.methods[start..]
            .iter()
            .take_while(|m| m.wire_name == wire_name)
            .count();
        &self.methods[start..start + len]
    }

    /// The module an item written at `location` belongs to.
    pub fn module_of(&self, location: &Location) -> Option<&Module> {
        self.modules.iter().find(|m| m.file == location.file)
    }

    /// Looks a named type up by its spec name.
    pub fn type_def(&self, name: &str) -> Option<&TypeDef> {
        self.types
            .binary_search_by(|t| t.name().cmp(name))
            .ok()
            .map(|i| &self.types[i])
    }
}

/// One spec file: it becomes one module of the generated crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Module {
    /// snake_case module name: the file stem (`reseller` for `api-spec/reseller.api`).
    pub name: String,
    /// The file, exactly as in [`Location::file`] of the items it holds.
    pub file: String,
    /// The file's inner doc comment (`//! …`): the module's rustdoc.
    pub docs: String,
}

/// Where an item was written: spec file (as given to the loader), 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Location {
    /// File name as given to the loader (for inline macro input: the macro's name).
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

/// Documentation attached to an item, field, param or variant.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Docs {
    /// The doc comment text (Markdown), lines joined with `\n`, common indentation removed.
    pub text: String,
    /// Where the facts came from: doc page URLs or catalog references (`#[source("…")]`).
    pub sources: Vec<String>,
    /// Resolutions of documentation bugs and contradictions (`#[note("…")]`).
    pub notes: Vec<String>,
}

/// The API families a method belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ApiFamily {
    /// JSON-RPC 6.0 merchant API (`#[api(rpc6)]`).
    Rpc6,
    /// Legacy JSON-RPC 3.0 (`#[api(rpc3)]`).
    Rpc3,
    /// Channel Manager 2.1 (`#[api(cm21)]`).
    Cm21,
    /// Channel Manager 6.0, served on the 6.0 endpoint (`#[api(cm6)]`).
    Cm6,
}

/// The endpoints requests are posted to. Two families on one endpoint cannot tell a wire name
/// apart, so a repeated wire name must be on different endpoints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Endpoint {
    /// `/rpc/6.0/`: JSON-RPC 6.0 and Channel Manager 6.0.
    Rpc6,
    /// `/rpc/3.0/`: legacy JSON-RPC 3.0.
    Rpc3,
    /// `/channel-manager/2.1/rpc/`: Channel Manager 2.1.
    Cm21,
}

impl ApiFamily {
    /// The spelling used in `#[api(…)]`.
    pub fn spec_name(self) -> &'static str {
        match self {
            ApiFamily::Rpc6 => "rpc6",
            ApiFamily::Rpc3 => "rpc3",
            ApiFamily::Cm21 => "cm21",
            ApiFamily::Cm6 => "cm6",
        }
    }

    /// The endpoint a method of this family is posted to.
    pub fn endpoint(self) -> Endpoint {
        match self {
            ApiFamily::Rpc6 | ApiFamily::Cm6 => Endpoint::Rpc6,
            ApiFamily::Rpc3 => Endpoint::Rpc3,
            ApiFamily::Cm21 => Endpoint::Cm21,
        }
    }
}

/// A documented error code of a method.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorDoc {
    /// The code as the API sends it (`INVALID_ID_SALE`, `10000`, `Missing required parameter: PartnerCode`).
    pub code: String,
    /// What it means.
    pub meaning: String,
}

/// One JSON-RPC method.
#[derive(Debug, Clone, PartialEq)]
pub struct Method {
    /// Name on the wire (`getProductByCode`).
    pub wire_name: String,
    /// snake_case Rust name (`get_product_by_code`).
    pub rust_name: String,
    /// UpperCamelCase name of the request type (`GetProductByCode`).
    pub type_name: String,
    /// Docs, sources and notes.
    pub docs: Docs,
    /// API families, sorted, at least one.
    pub apis: Vec<ApiFamily>,
    /// Whether a partner context (`setPartner`) is required first.
    pub partner: bool,
    /// Whether the method works on the Channel Manager 2.1 cart kept in the session
    /// (`#[cart]`): it is sent only on a cart handle, which owns its session.
    pub cart: bool,
    /// Whether the call is safe to retry (`#[retry_safe]`).
    pub retry_safe: bool,
    /// Whether the session id is sent first (false only with `#[no_session]`, i.e. `login`).
    pub session: bool,
    /// Positional params after the session id, in wire order. Required ones come first.
    pub params: Vec<Param>,
    /// The documented response type.
    pub returns: TypeRef,
    /// Documented error codes.
    pub errors: Vec<ErrorDoc>,
    /// Where the method was written.
    pub location: Location,
}

/// A positional param of a method.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// The documented name (not sent on the wire: params are positional).
    pub wire_name: String,
    /// snake_case Rust name.
    pub rust_name: String,
    /// The value's type, without the `Option` / `Nullable` wrappers.
    pub ty: TypeRef,
    /// Whether the param must be given.
    pub required: bool,
    /// Whether `null` is a meaningful value.
    pub nullable: bool,
    /// `Some(reason)` when the value is read leniently (`#[lenient("…")]`).
    pub lenient: Option<String>,
    /// Whether the value is card data that `Debug` must not print (`#[sensitive]`).
    pub sensitive: bool,
    /// Docs and notes.
    pub docs: Docs,
    /// Where the param was written.
    pub location: Location,
}

/// A type reference.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TypeRef {
    /// `String`
    String,
    /// `bool`
    Bool,
    /// `i64`
    Integer,
    /// `f64`: a number that is not money
    Number,
    /// `Money`: an exact decimal amount
    Money,
    /// `Date`: `YYYY-MM-DD`
    Date,
    /// `DateTime`: date and time as documented
    DateTime,
    /// `Json`: any JSON value
    Json,
    /// `()`: no meaningful response
    Unit,
    /// `Vec<T>`
    Array(Box<TypeRef>),
    /// `Map<T>`: JSON object with string keys
    Map(Box<TypeRef>),
    /// A named object, enum or union (its spec name).
    Named(String),
}

/// A named type.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeDef {
    /// `struct Name { … }`
    Struct(StructDef),
    /// `enum Name { A, B }`: a closed value set (open on read: unknown values are kept).
    Enum(EnumDef),
    /// `#[tag("field")] enum Name { A { … }, B(Struct) }`: a tagged union.
    Union(UnionDef),
    /// `#[untagged] enum Name { A(T), B(U) }`: a value whose JSON shape picks the variant.
    Shape(ShapeDef),
}

impl TypeDef {
    /// The spec (and Rust) name.
    pub fn name(&self) -> &str {
        match self {
            TypeDef::Struct(s) => &s.name,
            TypeDef::Enum(e) => &e.name,
            TypeDef::Union(u) => &u.name,
            TypeDef::Shape(u) => &u.name,
        }
    }

    /// Where the type was written.
    pub fn location(&self) -> &Location {
        match self {
            TypeDef::Struct(s) => &s.location,
            TypeDef::Enum(e) => &e.location,
            TypeDef::Union(u) => &u.location,
            TypeDef::Shape(u) => &u.location,
        }
    }
}

/// An object.
#[derive(Debug, Clone, PartialEq)]
pub struct StructDef {
    /// UpperCamelCase name.
    pub name: String,
    /// Docs, sources and notes.
    pub docs: Docs,
    /// Fields in spec order.
    pub fields: Vec<Field>,
    /// Where the struct was written.
    pub location: Location,
}

/// A field of an object.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Key on the wire (`PartnerCode`, `2CheckoutCustomerReference`).
    pub wire_name: String,
    /// snake_case Rust name.
    pub rust_name: String,
    /// The value's type, without the `Option` / `Nullable` wrappers.
    pub ty: TypeRef,
    /// Whether the key must be present.
    pub required: bool,
    /// Whether `null` is a meaningful value.
    pub nullable: bool,
    /// `Some(reason)` when the value is read leniently.
    pub lenient: Option<String>,
    /// Whether the value is card data that `Debug` must not print (`#[sensitive]`).
    pub sensitive: bool,
    /// Docs and notes.
    pub docs: Docs,
    /// Where the field was written.
    pub location: Location,
}

/// A closed value set.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumDef {
    /// UpperCamelCase name.
    pub name: String,
    /// Docs, sources and notes.
    pub docs: Docs,
    /// Values in spec order.
    pub values: Vec<EnumValue>,
    /// Where the enum was written.
    pub location: Location,
}

/// One value of a closed set.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumValue {
    /// Value on the wire (`FIXED`, `in_review`, `Visa Electron`).
    pub wire: String,
    /// UpperCamelCase Rust variant name.
    pub rust_name: String,
    /// Docs (may be empty: the generator then writes one from the wire value).
    pub docs: Docs,
}

/// A tagged union: a JSON object whose fields depend on the value of its tag field.
#[derive(Debug, Clone, PartialEq)]
pub struct UnionDef {
    /// UpperCamelCase name.
    pub name: String,
    /// Docs, sources and notes.
    pub docs: Docs,
    /// Wire name of the tag field (`action`).
    pub tag: String,
    /// Variants in spec order.
    pub variants: Vec<UnionVariant>,
    /// Where the union was written.
    pub location: Location,
}

/// One variant of a tagged union.
#[derive(Debug, Clone, PartialEq)]
pub struct UnionVariant {
    /// Tag value on the wire (`SEND`).
    pub wire: String,
    /// UpperCamelCase Rust variant name.
    pub rust_name: String,
    /// Docs.
    pub docs: Docs,
    /// Name of the struct holding the variant's other fields. Inline variants (`A { … }`) get a
    /// generated struct named `{Union}{Variant}`, which is also in [`Spec::types`].
    pub payload: String,
}

/// A shape union: one of several JSON shapes a field really arrives in (`null`, a number,
/// `false`, an object…), told apart by the kind of JSON value. Anything else is kept whole in
/// the generated `Other(Json)` variant, so decoding never fails.
#[derive(Debug, Clone, PartialEq)]
pub struct ShapeDef {
    /// UpperCamelCase name.
    pub name: String,
    /// Docs, sources and notes.
    pub docs: Docs,
    /// Variants in spec order, at most one per [`JsonShape`].
    pub variants: Vec<ShapeVariant>,
    /// Where the union was written.
    pub location: Location,
}

/// One variant of a shape union.
#[derive(Debug, Clone, PartialEq)]
pub struct ShapeVariant {
    /// UpperCamelCase Rust variant name (as written).
    pub rust_name: String,
    /// The type the variant holds.
    pub ty: TypeRef,
    /// The kind of JSON value that selects it.
    pub shape: JsonShape,
    /// Docs.
    pub docs: Docs,
}

/// The kind of JSON value a shape union variant is selected by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum JsonShape {
    /// A string (`String`, `Date`, `DateTime`, an enum).
    String,
    /// A number (`i64`, `f64`, `Money`).
    Number,
    /// `true` / `false` (`bool`).
    Bool,
    /// An array (`Vec<T>`).
    Array,
    /// An object (`Map<T>`, a struct, a tagged union).
    Object,
}

impl JsonShape {
    /// The name of the runtime's matching `JsonKind` variant.
    pub fn kind_name(self) -> &'static str {
        match self {
            JsonShape::String => "String",
            JsonShape::Number => "Number",
            JsonShape::Bool => "Bool",
            JsonShape::Array => "Array",
            JsonShape::Object => "Object",
        }
    }

    /// How the kind reads in messages.
    pub fn describe(self) -> &'static str {
        match self {
            JsonShape::String => "a string",
            JsonShape::Number => "a number",
            JsonShape::Bool => "a boolean",
            JsonShape::Array => "an array",
            JsonShape::Object => "an object",
        }
    }
}
