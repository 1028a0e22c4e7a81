fn tag<T: Debug>(config: &Config, t: T) -> String {
    todo!()
}
trait Tag<T: Debug> {
    fn tag(&self, t: T) -> String;
}
impl<T: Debug> Tag<T> for Config {
    fn tag(&self, t: T) -> String {
        tag::<T>(self, t)
    }
}
impl<T: Debug, EntraitT: Tag<T>> Tag<T> for ::entrait::Impl<EntraitT> {
    fn tag(&self, t: T) -> String {
        <EntraitT as Tag<T>>::tag(self, t)
    }
}
