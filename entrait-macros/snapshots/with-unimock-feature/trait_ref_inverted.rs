#[cfg_attr(test, ::entrait::__mock::unimock(prefix = ::entrait::__mock))]
pub trait Sink {
    fn flush(&self) -> u32;
    fn put(
        &self,
        v: u32,
    ) -> impl ::core::future::Future<Output = u32> + ::core::marker::Send;
}
///The dyn-compatible implementation side of [`Sink`]: implement it (with `#[entrait(ref)] impl SinkImpl for MyType`) and select it with `impl AsRef<dyn SinkImpl<Self>> for App`.
pub trait SinkImpl<T>: 'static {
    fn flush(&self, _impl: &::entrait::Impl<T>) -> u32;
    fn put<'entrait>(
        &'entrait self,
        _impl: &'entrait ::entrait::Impl<T>,
        v: u32,
    ) -> ::core::pin::Pin<
        ::entrait::__private::Box<
            dyn ::core::future::Future<Output = u32> + ::core::marker::Send + 'entrait,
        >,
    >;
}
impl<T: ::core::convert::AsRef<dyn SinkImpl<T>> + 'static> Sink for ::entrait::Impl<T> {
    fn flush(&self) -> u32 {
        <dyn SinkImpl<
            T,
        > as SinkImpl<
            T,
        >>::flush(<T as ::core::convert::AsRef<dyn SinkImpl<T>>>::as_ref(self), self)
    }
    fn put(
        &self,
        v: u32,
    ) -> impl ::core::future::Future<Output = u32> + ::core::marker::Send {
        <dyn SinkImpl<
            T,
        > as SinkImpl<
            T,
        >>::put(<T as ::core::convert::AsRef<dyn SinkImpl<T>>>::as_ref(self), self, v)
    }
}
