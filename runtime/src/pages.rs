//! Walking every page of a search method.
//!
//! Search methods answer one page at a time, in one of three [`Paging`] styles: most take a
//! `Page` (1-based) and a `Limit` (the page size; the documented defaults are page 1 and 10
//! items, at most 200), the proposal searches an `Offset` (items to skip) and a `Limit`, and a
//! few take no paging at all and answer every match at once. A request type that knows where its
//! window goes implements [`Paginated`]; [`Pages`] then sends it once per page and yields the
//! items one by one, as an async [`Stream`](futures_core::Stream) or with [`Pages::next`]. The
//! blocking client walks the same pages as an [`Iterator`] (`blocking::Client::pages`).
//!
//! The walk starts where the request asks (page 1 or offset 0 when it sets nothing) and keeps the
//! page size it asks for ([`DEFAULT_LIMIT`] when it sets none). It stops after the last page:
//! when the server said how many items match (`Count`) and they have all been seen, or when a
//! page comes back shorter than the page size; a search without paging stops after its one
//! answer. Each page is asked for once; after an error the walk yields that error and ends.

use std::collections::VecDeque;
use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

use serde::Deserialize;

use crate::api::AvailableOn;
use crate::error::Error;
use crate::method::{CallFuture, Method, Scope};
use crate::support::Json;

/// The page size a walk asks for when the request sets none (the documented default).
pub const DEFAULT_LIMIT: i64 = 10;

/// The largest page size the search methods accept.
pub const MAX_LIMIT: i64 = 200;

/// One page of results, as a [`Paginated`] request reads it from its response.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    /// The items of this page, in the order the server sent them.
    pub items: Vec<T>,
    /// How many items match in all (the response's `Count`), when the response says.
    pub total: Option<u64>,
}

impl<T> Page<T> {
    /// A page whose response does not say how many items match in all.
    pub fn of(items: Vec<T>) -> Self {
        Self { items, total: None }
    }
}

impl Page<Json> {
    /// The page of an answer the spec keeps as any JSON (`searchSku`): the elements of its
    /// `Items` array, or, where `Items` is an object of groups (`searchSku` keys its rows by
    /// product code, `{"Items": {"CODE": {"Details": […]}}}`), the elements of every array in
    /// the groups, group by group in key order; the total is `Pagination.Count` (a number or a
    /// numeric string). An answer of another shape is an empty page, which ends a walk.
    pub fn from_json(response: &Json) -> Self {
        #[derive(Deserialize)]
        struct Answer {
            #[serde(rename = "Items")]
            items: Option<Json>,
            #[serde(rename = "Pagination")]
            pagination: Option<Counted>,
        }
        #[derive(Deserialize)]
        struct Counted {
            #[serde(rename = "Count")]
            count: Option<Json>,
        }
        let Ok(answer) = response.parse::<Answer>() else {
            return Page::of(Vec::new());
        };
        let total = answer.pagination.and_then(|p| p.count).and_then(|count| {
            let text = count
                .as_string()
                .unwrap_or_else(|| count.as_str().to_owned());
            text.trim().parse::<u64>().ok()
        });
        let items = answer
            .items
            .map(|items| elements(&items))
            .unwrap_or_default();
        Page { items, total }
    }
}

/// The elements of an array, or of the arrays among the values (one level down) of an object.
fn elements(value: &Json) -> Vec<Json> {
    if let Ok(items) = value.parse::<Vec<Json>>() {
        return items;
    }
    let Ok(groups) = value.parse::<std::collections::BTreeMap<String, Json>>() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for group in groups.values() {
        if let Ok(items) = group.parse::<Vec<Json>>() {
            out.extend(items);
        } else if let Ok(members) = group.parse::<std::collections::BTreeMap<String, Json>>() {
            for member in members.values() {
                if let Ok(items) = member.parse::<Vec<Json>>() {
                    out.extend(items);
                }
            }
        }
    }
    out
}

/// How a search method says which part of its results to return.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paging {
    /// A `Page` number (1-based) and a page size `Limit`.
    Page,
    /// An `Offset` (how many results to skip) and a page size `Limit`.
    Offset,
    /// No paging: one answer holds every result.
    Single,
}

/// The part of the results one request of a walk asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// The page, 1-based (for [`Paging::Page`]).
    pub page: i64,
    /// How many results come before this page (for [`Paging::Offset`]).
    pub offset: i64,
    /// The page size.
    pub limit: i64,
}

/// A search request that can ask for any page of its results.
///
/// Implemented by the generated request types of search methods; see the module docs.
pub trait Paginated: Method + Sized {
    /// One result.
    type Item;

    /// How the method pages.
    const PAGING: Paging;

    /// Where this request starts and the page size it asks for, where it sets them: the page
    /// for [`Paging::Page`], the offset for [`Paging::Offset`] (nothing for [`Paging::Single`]).
    fn requested_page(&self) -> (Option<i64>, Option<i64>);

    /// A copy of this request that asks for `window` (written as its paging style says; a
    /// search without paging is copied as it is).
    fn for_window(&self, window: Window) -> Self;

    /// The items of one response, and the total count where the response carries one.
    fn into_page(response: Self::Response) -> Page<Self::Item>;
}

/// Every item of a search, page after page; made by the generated `.pages()` of a search
/// request, or by [`Pages::new`].
pub struct Pages<'c, S: Scope, M: Paginated> {
    scope: &'c S,
    template: M,
    next_page: i64,
    next_offset: i64,
    limit: i64,
    buffer: VecDeque<M::Item>,
    in_flight: Option<CallFuture<'c, M::Response>>,
    pages_requested: u64,
    done: bool,
}

impl<'c, S, M> Pages<'c, S, M>
where
    S: Scope,
    M: Paginated + AvailableOn<S::Marker> + Send + Sync + 'c,
{
    /// Walks the pages of `request` on `scope`, starting at the page it asks for.
    pub fn new(scope: &'c S, request: M) -> Self {
        let (start, limit) = request.requested_page();
        let limit = limit
            .filter(|l| *l >= 1)
            .unwrap_or(DEFAULT_LIMIT)
            .min(MAX_LIMIT);
        let (next_page, next_offset) = match M::PAGING {
            Paging::Offset => {
                let offset = start.filter(|o| *o >= 0).unwrap_or(0);
                (offset / limit + 1, offset)
            }
            Paging::Page | Paging::Single => {
                let page = start.filter(|p| *p >= 1).unwrap_or(1);
                (page, (page - 1).saturating_mul(limit))
            }
        };
        Self {
            scope,
            template: request,
            next_page,
            next_offset,
            limit,
            buffer: VecDeque::new(),
            in_flight: None,
            pages_requested: 0,
            done: false,
        }
    }

    /// The next item, asking for the next page when the current one is used up; `None` after
    /// the last item (or after an error).
    pub async fn next(&mut self) -> Option<Result<M::Item, Error>>
    where
        M: Unpin,
        M::Item: Unpin,
    {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_item(cx)).await
    }

    /// Every remaining item, or the first error.
    pub async fn try_collect(mut self) -> Result<Vec<M::Item>, Error>
    where
        M: Unpin,
        M::Item: Unpin,
    {
        let mut items = Vec::new();
        while let Some(item) = self.next().await {
            items.push(item?);
        }
        Ok(items)
    }

    /// How many pages have been asked for so far.
    pub fn pages_requested(&self) -> u64 {
        self.pages_requested
    }

    /// The page size the walk asks for.
    pub fn limit(&self) -> i64 {
        self.limit
    }

    fn poll_item(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<M::Item, Error>>> {
        loop {
            if let Some(item) = self.buffer.pop_front() {
                return Poll::Ready(Some(Ok(item)));
            }
            if self.done {
                return Poll::Ready(None);
            }
            let scope = self.scope;
            let future = match &mut self.in_flight {
                Some(future) => future,
                slot @ None => {
                    let request = self.template.for_window(Window {
                        page: self.next_page,
                        offset: self.next_offset,
                        limit: self.limit,
                    });
                    self.pages_requested += 1;
                    slot.insert(scope.call(request))
                }
            };
            let response = match future.as_mut().poll(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(response) => response,
            };
            self.in_flight = None;
            match response {
                Err(error) => {
                    self.done = true;
                    return Poll::Ready(Some(Err(error)));
                }
                Ok(response) => self.accept(M::into_page(response)),
            }
        }
    }

    /// Takes in one page and decides whether it was the last.
    fn accept(&mut self, page: Page<M::Item>) {
        let received = page.items.len();
        let short = i64::try_from(received).is_ok_and(|n| n < self.limit);
        let through = self.next_offset.saturating_add(self.limit);
        let seen_all = page
            .total
            .is_some_and(|total| u64::try_from(through).unwrap_or(0) >= total);
        self.done = M::PAGING == Paging::Single || received == 0 || short || seen_all;
        self.next_page = self.next_page.saturating_add(1);
        self.next_offset = through;
        self.buffer.extend(page.items);
    }
}

impl<'c, S, M> futures_core::Stream for Pages<'c, S, M>
where
    S: Scope,
    M: Paginated + AvailableOn<S::Marker> + Send + Sync + Unpin + 'c,
    M::Item: Unpin,
{
    type Item = Result<M::Item, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_item(cx)
    }
}

impl<S: Scope, M: Paginated> fmt::Debug for Pages<'_, S, M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pages")
            .field("method", &M::NAME)
            .field("paging", &M::PAGING)
            .field("next_page", &self.next_page)
            .field("next_offset", &self.next_offset)
            .field("limit", &self.limit)
            .field("buffered", &self.buffer.len())
            .field("pages_requested", &self.pages_requested)
            .field("done", &self.done)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use serde::ser::SerializeSeq;

    use super::*;

    /// A scope answering from a list of `total` numbers, recording the pages asked for.
    struct Numbers {
        total: u32,
        with_count: bool,
        asked: Mutex<Vec<(i64, i64)>>,
        fail_on: Option<i64>,
    }

    struct Marker;

    #[derive(Clone)]
    struct Search {
        page: Option<i64>,
        limit: Option<i64>,
    }

    impl Method for Search {
        const NAME: &'static str = "searchNumbers";
        const RETRY_SAFE: bool = true;
        type Response = serde_json::Value;
        fn param_count(&self) -> usize {
            1
        }
        fn serialize_params<S: SerializeSeq>(&self, seq: &mut S) -> Result<(), S::Error> {
            seq.serialize_element(&serde_json::json!({ "Page": self.page, "Limit": self.limit }))
        }
    }

    impl AvailableOn<Marker> for Search {}

    impl Paginated for Search {
        type Item = u64;
        const PAGING: Paging = Paging::Page;
        fn requested_page(&self) -> (Option<i64>, Option<i64>) {
            (self.page, self.limit)
        }
        fn for_window(&self, window: Window) -> Self {
            Search {
                page: Some(window.page),
                limit: Some(window.limit),
            }
        }
        fn into_page(response: serde_json::Value) -> Page<u64> {
            let items = response["Items"]
                .as_array()
                .map(|items| items.iter().filter_map(|v| v.as_u64()).collect())
                .unwrap_or_default();
            Page {
                items,
                total: response["Count"].as_u64(),
            }
        }
    }

    /// The same numbers asked for by offset (`Page` in the params is then the offset).
    #[derive(Clone)]
    struct OffsetSearch {
        offset: Option<i64>,
        limit: Option<i64>,
    }

    impl Method for OffsetSearch {
        const NAME: &'static str = "searchNumbersByOffset";
        const RETRY_SAFE: bool = true;
        type Response = serde_json::Value;
        fn param_count(&self) -> usize {
            1
        }
        fn serialize_params<S: SerializeSeq>(&self, seq: &mut S) -> Result<(), S::Error> {
            seq.serialize_element(
                &serde_json::json!({ "Offset": self.offset, "Limit": self.limit }),
            )
        }
    }

    impl AvailableOn<Marker> for OffsetSearch {}

    impl Paginated for OffsetSearch {
        type Item = u64;
        const PAGING: Paging = Paging::Offset;
        fn requested_page(&self) -> (Option<i64>, Option<i64>) {
            (self.offset, self.limit)
        }
        fn for_window(&self, window: Window) -> Self {
            OffsetSearch {
                offset: Some(window.offset),
                limit: Some(window.limit),
            }
        }
        fn into_page(response: serde_json::Value) -> Page<u64> {
            Search::into_page(response)
        }
    }

    /// A search without paging: its one answer is every result.
    #[derive(Clone)]
    struct WholeSearch;

    impl Method for WholeSearch {
        const NAME: &'static str = "searchEverything";
        const RETRY_SAFE: bool = true;
        type Response = serde_json::Value;
        fn param_count(&self) -> usize {
            1
        }
        fn serialize_params<S: SerializeSeq>(&self, seq: &mut S) -> Result<(), S::Error> {
            seq.serialize_element(&serde_json::json!({}))
        }
    }

    impl AvailableOn<Marker> for WholeSearch {}

    impl Paginated for WholeSearch {
        type Item = u64;
        const PAGING: Paging = Paging::Single;
        fn requested_page(&self) -> (Option<i64>, Option<i64>) {
            (None, None)
        }
        fn for_window(&self, _window: Window) -> Self {
            WholeSearch
        }
        fn into_page(response: serde_json::Value) -> Page<u64> {
            Search::into_page(response)
        }
    }

    impl Scope for Numbers {
        type Marker = Marker;
        fn call<'a, M>(&'a self, method: M) -> CallFuture<'a, M::Response>
        where
            M: Method + AvailableOn<Self::Marker> + Send + Sync + 'a,
        {
            let params = serde_json::to_value(Params(&method)).unwrap_or_default();
            Box::pin(async move {
                let offset = params[0]["Offset"].as_i64();
                let page = params[0]["Page"].as_i64().or(offset).unwrap_or(1);
                let limit = params[0]["Limit"].as_i64().unwrap_or(10);
                if let Ok(mut asked) = self.asked.lock() {
                    asked.push((page, limit));
                }
                if self.fail_on == Some(page) {
                    return Err(Error::Config("page refused".into()));
                }
                let (start, limit) = match (offset, params[0].get("Limit")) {
                    (Some(offset), _) => (offset, limit),
                    // No paging params: everything at once.
                    (None, None) => (0, i64::from(self.total)),
                    (None, Some(_)) => ((page - 1) * limit, limit),
                };
                let items: Vec<i64> = (start..start + limit)
                    .filter(|n| *n < i64::from(self.total))
                    .collect();
                let mut answer = serde_json::json!({ "Items": items });
                if self.with_count {
                    answer["Count"] = self.total.into();
                }
                serde_json::from_value(answer).map_err(|e| Error::Config(e.to_string()))
            })
        }
    }

    struct Params<'m, M>(&'m M);

    impl<M: Method> serde::Serialize for Params<'_, M> {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut seq = serializer.serialize_seq(Some(self.0.param_count()))?;
            self.0.serialize_params(&mut seq)?;
            seq.end()
        }
    }

    fn numbers(total: u32, with_count: bool) -> Numbers {
        Numbers {
            total,
            with_count,
            asked: Mutex::new(Vec::new()),
            fail_on: None,
        }
    }

    fn asked(scope: &Numbers) -> Vec<(i64, i64)> {
        scope.asked.lock().map(|a| a.clone()).unwrap_or_default()
    }

    #[tokio::test]
    async fn walks_every_page_once_and_stops_at_a_short_page() {
        let scope = numbers(23, false);
        let all = Pages::new(
            &scope,
            Search {
                page: None,
                limit: None,
            },
        )
        .try_collect()
        .await
        .expect("items");
        assert_eq!(all, (0..23).collect::<Vec<u64>>());
        assert_eq!(asked(&scope), vec![(1, 10), (2, 10), (3, 10)]);
    }

    #[tokio::test]
    async fn a_full_last_page_costs_one_empty_page_without_a_count() {
        let scope = numbers(20, false);
        let all = Pages::new(
            &scope,
            Search {
                page: None,
                limit: Some(5),
            },
        )
        .try_collect()
        .await
        .expect("items");
        assert_eq!(all.len(), 20);
        assert_eq!(asked(&scope), vec![(1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]);
    }

    #[tokio::test]
    async fn the_count_ends_the_walk_on_a_full_last_page() {
        let scope = numbers(20, true);
        let all = Pages::new(
            &scope,
            Search {
                page: None,
                limit: Some(5),
            },
        )
        .try_collect()
        .await
        .expect("items");
        assert_eq!(all.len(), 20);
        assert_eq!(asked(&scope), vec![(1, 5), (2, 5), (3, 5), (4, 5)]);
    }

    #[tokio::test]
    async fn starts_at_the_requested_page_and_caps_the_limit() {
        let scope = numbers(1000, true);
        let mut pages = Pages::new(
            &scope,
            Search {
                page: Some(4),
                limit: Some(500),
            },
        );
        assert_eq!(pages.limit(), MAX_LIMIT);
        assert_eq!(pages.next().await.and_then(Result::ok), Some(600));
        let rest = pages.try_collect().await.expect("items");
        assert_eq!(rest.len(), 399);
        assert_eq!(asked(&scope), vec![(4, 200), (5, 200)]);
    }

    #[tokio::test]
    async fn an_error_is_yielded_once_and_ends_the_walk() {
        let mut scope = numbers(30, false);
        scope.fail_on = Some(2);
        let mut pages = Pages::new(
            &scope,
            Search {
                page: None,
                limit: None,
            },
        );
        let mut ok = 0;
        let mut errors = 0;
        while let Some(item) = pages.next().await {
            match item {
                Ok(_) => ok += 1,
                Err(_) => errors += 1,
            }
        }
        assert_eq!((ok, errors), (10, 1));
        assert_eq!(asked(&scope), vec![(1, 10), (2, 10)]);
        assert!(pages.next().await.is_none());
    }

    #[tokio::test]
    async fn offsets_advance_by_the_page_size() {
        let scope = numbers(21, false);
        let all = Pages::new(
            &scope,
            OffsetSearch {
                offset: Some(3),
                limit: Some(10),
            },
        )
        .try_collect()
        .await
        .expect("items");
        assert_eq!(all, (3..21).collect::<Vec<u64>>());
        assert_eq!(asked(&scope), vec![(3, 10), (13, 10)], "(offset, limit)");

        let scope = numbers(20, true);
        let all = Pages::new(
            &scope,
            OffsetSearch {
                offset: None,
                limit: Some(5),
            },
        )
        .try_collect()
        .await
        .expect("items");
        assert_eq!(all.len(), 20);
        assert_eq!(asked(&scope), vec![(0, 5), (5, 5), (10, 5), (15, 5)]);
    }

    #[tokio::test]
    async fn a_search_without_paging_is_asked_once() {
        let scope = numbers(57, false);
        let all = Pages::new(&scope, WholeSearch)
            .try_collect()
            .await
            .expect("items");
        assert_eq!(
            all.len(),
            57,
            "every result, although more than a page size"
        );
        assert_eq!(asked(&scope).len(), 1);
    }

    #[test]
    fn json_answers_give_their_rows() {
        let grouped = Json::from_text(
            r#"{"Items": {"P1": {"Details": [{"ProductSKU": "A"}, {"ProductSKU": "B"}]}},
                "Errors": [], "Pagination": {"Page": 1, "Limit": 2, "Count": "3"}}"#,
        )
        .expect("json");
        let page = Page::from_json(&grouped);
        assert_eq!(page.total, Some(3));
        let skus: Vec<String> = page.items.iter().map(ToString::to_string).collect();
        assert_eq!(skus, [r#"{"ProductSKU": "A"}"#, r#"{"ProductSKU": "B"}"#]);
        let flat = Json::from_text(r#"{"Items": [1.50, 2]}"#).expect("json");
        let page = Page::from_json(&flat);
        assert_eq!(page.total, None);
        assert_eq!(page.items[0].as_str(), "1.50", "exact text kept");
        assert!(
            Page::from_json(&Json::from_text("[]").expect("json"))
                .items
                .is_empty()
        );
        assert!(
            Page::from_json(&Json::from_text(r#"{"Items": 4}"#).expect("json"))
                .items
                .is_empty()
        );
    }

    #[tokio::test]
    async fn an_empty_search_asks_one_page() {
        let scope = numbers(0, false);
        let all = Pages::new(
            &scope,
            Search {
                page: None,
                limit: None,
            },
        )
        .try_collect()
        .await
        .expect("items");
        assert!(all.is_empty());
        assert_eq!(asked(&scope), vec![(1, 10)]);
    }
}
