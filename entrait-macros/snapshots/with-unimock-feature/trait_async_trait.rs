#[cfg_attr(test, ::entrait::__mock::unimock(prefix = ::entrait::__mock))]
#[async_trait]
pub trait Mail: Send + Sync + 'static {
    async fn send(&self, to: &str) -> bool;
}
#[async_trait]
impl<T> Mail for ::entrait::Impl<T>
where
    T: ::core::convert::AsRef<dyn Mail>,
    Self: Send + Sync + 'static,
{
    async fn send(&self, to: &str) -> bool {
        <dyn Mail as Mail>::send(
                <T as ::core::convert::AsRef<dyn Mail>>::as_ref(self),
                to,
            )
            .await
    }
}
