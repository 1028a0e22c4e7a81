async fn fetch<'a>(deps: &impl Db, key: &'a str) -> &'a str {
    key
}
trait Fetch {
    fn fetch<'a>(
        &self,
        key: &'a str,
    ) -> impl ::core::future::Future<Output = &'a str> + ::core::marker::Send;
}
impl<T: Db + ::core::marker::Sync> Fetch for T {
    fn fetch<'a>(
        &self,
        key: &'a str,
    ) -> impl ::core::future::Future<Output = &'a str> + ::core::marker::Send {
        fetch(self, key)
    }
}
