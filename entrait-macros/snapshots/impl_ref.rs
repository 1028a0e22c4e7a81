impl Doubler {
    fn flush<D>(deps: &D) -> u32 {
        0
    }
    async fn put(deps: &impl Store, v: u32) -> u32 {
        v
    }
}
impl<T> SinkImpl<T> for Doubler
where
    ::entrait::Impl<T>: Store,
    T: ::core::marker::Sync,
{
    fn flush(&self, _impl: &::entrait::Impl<T>) -> u32 {
        Self::flush(_impl)
    }
    fn put<'entrait>(
        &'entrait self,
        _impl: &'entrait ::entrait::Impl<T>,
        v: u32,
    ) -> ::core::pin::Pin<
        ::entrait::__private::Box<
            dyn ::core::future::Future<Output = u32> + ::core::marker::Send + 'entrait,
        >,
    > {
        ::entrait::__private::Box::pin(Self::put(_impl, v))
    }
}
