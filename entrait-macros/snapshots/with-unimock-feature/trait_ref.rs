#[cfg_attr(test, ::entrait::__mock::unimock(prefix = ::entrait::__mock))]
trait ReadConfig: 'static {
    fn read_config(&self) -> &str;
}
impl<T> ReadConfig for ::entrait::Impl<T>
where
    T: ::core::convert::AsRef<dyn ReadConfig>,
    Self: 'static,
{
    fn read_config(&self) -> &str {
        <dyn ReadConfig as ReadConfig>::read_config(
            <T as ::core::convert::AsRef<dyn ReadConfig>>::as_ref(self),
        )
    }
}
