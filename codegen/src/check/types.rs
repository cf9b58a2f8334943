//! Resolving written types: built-ins, named types, and where `Option`, `Nullable` and `()` may
//! appear.

use super::Ctx;
use super::names;
use crate::diagnostic::Diagnostic;
use crate::model::TypeRef;
use crate::parse::TypeSyntax;

/// Built-in type names, for suggestions.
const BUILT_INS: &[&str] = &[
    "String", "bool", "i64", "f64", "Money", "Date", "DateTime", "Json", "Vec", "Map", "Option",
    "Nullable",
];

/// Names people reach for out of habit, and the spec's spelling of the same idea.
const HABITS: &[(&str, &str)] = &[
    ("i8", "i64"),
    ("i16", "i64"),
    ("i32", "i64"),
    ("i128", "i64"),
    ("u8", "i64"),
    ("u16", "i64"),
    ("u32", "i64"),
    ("u64", "i64"),
    ("u128", "i64"),
    ("usize", "i64"),
    ("isize", "i64"),
    ("int", "i64"),
    ("integer", "i64"),
    ("Integer", "i64"),
    ("f32", "f64"),
    ("float", "f64"),
    ("Float", "f64"),
    ("double", "f64"),
    ("number", "f64"),
    ("Number", "f64"),
    ("Decimal", "Money"),
    ("decimal", "Money"),
    ("Amount", "Money"),
    ("Price", "Money"),
    ("str", "String"),
    ("Bool", "bool"),
    ("boolean", "bool"),
    ("Boolean", "bool"),
    ("HashMap", "Map<T>"),
    ("BTreeMap", "Map<T>"),
    ("Object", "Map<T>"),
    ("Value", "Json"),
    ("JsonValue", "Json"),
    ("Array", "Vec<T>"),
    ("List", "Vec<T>"),
];

/// Where a type is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// The type of a field or a param: may be wrapped in `Option` / `Nullable`.
    Value,
    /// A method's return type: may be `()`.
    Return,
}

/// A resolved field or param type.
#[derive(Debug, Clone)]
pub struct Slotted {
    /// The type without wrappers.
    pub ty: TypeRef,
    /// Not wrapped in `Option`.
    pub required: bool,
    /// Wrapped in `Nullable`.
    pub nullable: bool,
}

/// Resolves the type of a field or param, peeling `Option<Nullable<…>>`.
pub fn resolve_value(ctx: &mut Ctx<'_>, ty: &TypeSyntax) -> Slotted {
    let mut slotted = Slotted {
        ty: TypeRef::Json,
        required: true,
        nullable: false,
    };
    let mut inner = ty;
    if let Some(arg) = wrapper(ctx, inner, "Option") {
        slotted.required = false;
        inner = arg;
    }
    if let Some(arg) = wrapper(ctx, inner, "Nullable") {
        slotted.nullable = true;
        inner = arg;
        if is_named(inner, "Option") {
            ctx.report(
                Diagnostic::new(
                    ctx.file,
                    inner.span(),
                    "misplaced `Option`: `Nullable<Option<…>>` is not allowed",
                )
                .with_hint("write `Option<Nullable<…>>`: `Option` is always the outer wrapper"),
            );
            slotted.ty = TypeRef::Json;
            return slotted;
        }
    }
    slotted.ty = resolve(ctx, inner, Slot::Value);
    slotted
}

/// Resolves a method's return type.
pub fn resolve_return(ctx: &mut Ctx<'_>, ty: &TypeSyntax) -> TypeRef {
    resolve(ctx, ty, Slot::Return)
}

/// `Some(argument)` when `ty` is `name<argument>` (arity problems reported).
fn wrapper<'t>(ctx: &mut Ctx<'_>, ty: &'t TypeSyntax, name: &str) -> Option<&'t TypeSyntax> {
    match ty {
        TypeSyntax::Path {
            name: written,
            args,
        } if *written == name => {
            if args.len() == 1 {
                Some(&args[0])
            } else {
                arity(ctx, ty, name, 1);
                None
            }
        }
        _ => None,
    }
}

/// Whether `ty` is written `name` or `name<…>`.
fn is_named(ty: &TypeSyntax, name: &str) -> bool {
    matches!(ty, TypeSyntax::Path { name: written, .. } if *written == name)
}

fn arity(ctx: &mut Ctx<'_>, ty: &TypeSyntax, name: &str, expected: usize) {
    let (message, hint) = match (expected, name) {
        (0, _) => (
            format!("`{name}` takes no type arguments"),
            format!("write `{name}`"),
        ),
        (_, "Map") => (
            "`Map` takes exactly one type argument".to_owned(),
            "write `Map<T>`: the keys are always strings, `T` is the value type".to_owned(),
        ),
        _ => (
            format!("`{name}` takes exactly one type argument"),
            format!("write `{name}<T>`"),
        ),
    };
    ctx.report(Diagnostic::new(ctx.file, ty.span(), message).with_hint(hint));
}

/// Resolves a type below the field / param wrappers. Errors are reported; the result is then a
/// placeholder (the model is discarded anyway).
fn resolve(ctx: &mut Ctx<'_>, ty: &TypeSyntax, slot: Slot) -> TypeRef {
    let (name, args) = match ty {
        TypeSyntax::Unit(span) => {
            if slot != Slot::Return {
                ctx.report(
                    Diagnostic::new(ctx.file, *span, "`()` is only allowed as a return type")
                        .with_hint("use `Json` for a value with no usable shape"),
                );
            }
            return TypeRef::Unit;
        }
        TypeSyntax::Path { name, args } => (name.to_string(), args),
    };
    let scalar = match name.as_str() {
        "String" => Some(TypeRef::String),
        "bool" => Some(TypeRef::Bool),
        "i64" => Some(TypeRef::Integer),
        "f64" => Some(TypeRef::Number),
        "Money" => Some(TypeRef::Money),
        "Date" => Some(TypeRef::Date),
        "DateTime" => Some(TypeRef::DateTime),
        "Json" => Some(TypeRef::Json),
        _ => None,
    };
    if let Some(scalar) = scalar {
        if !args.is_empty() {
            arity(ctx, ty, &name, 0);
        }
        return scalar;
    }
    match name.as_str() {
        "Vec" | "Map" => {
            if args.len() != 1 {
                arity(ctx, ty, &name, 1);
                return TypeRef::Json;
            }
            let element = Box::new(resolve(ctx, &args[0], Slot::Value));
            if name == "Vec" {
                TypeRef::Array(element)
            } else {
                TypeRef::Map(element)
            }
        }
        "Option" | "Nullable" => {
            let hint = match slot {
                Slot::Return => "a return type is never optional; use `Json` when the response \
                                 may be `null`"
                    .to_owned(),
                Slot::Value => format!(
                    "`{name}` may only wrap a field's or param's whole type \
                     (`Option<Nullable<T>>` at most)"
                ),
            };
            ctx.report(
                Diagnostic::new(ctx.file, ty.span(), format!("misplaced `{name}`")).with_hint(hint),
            );
            TypeRef::Json
        }
        _ if ctx.types.contains_key(&name) => {
            if !args.is_empty() {
                arity(ctx, ty, &name, 0);
            }
            TypeRef::Named(name)
        }
        _ if ctx.broken_types.contains(&name) => TypeRef::Named(name),
        _ => {
            unknown_type(ctx, ty, &name);
            TypeRef::Json
        }
    }
}

fn unknown_type(ctx: &mut Ctx<'_>, ty: &TypeSyntax, name: &str) {
    let habit = HABITS
        .iter()
        .find(|(habit, _)| *habit == name)
        .map(|(_, spec)| *spec);
    let declared: Vec<&str> = ctx.types.keys().map(String::as_str).collect();
    let near = habit.or_else(|| {
        names::nearest(
            name,
            BUILT_INS.iter().copied().chain(declared.iter().copied()),
        )
    });
    let mut diagnostic = Diagnostic::new(ctx.file, ty.span(), format!("unknown type `{name}`"));
    if let Some(near) = near {
        diagnostic = diagnostic.with_hint(format!("did you mean `{near}`?"));
    }
    ctx.report(diagnostic);
}

/// Whether `#[lenient]` makes sense on `ty`: a scalar, or a `Vec` of one.
pub fn is_lenient_target(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::String
        | TypeRef::Bool
        | TypeRef::Integer
        | TypeRef::Number
        | TypeRef::Money
        | TypeRef::Date
        | TypeRef::DateTime => true,
        TypeRef::Array(element) => {
            is_lenient_target(element) && !matches!(**element, TypeRef::Array(_))
        }
        _ => false,
    }
}
