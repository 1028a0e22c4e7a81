fn add(a: i32, (b, c): (i32, i32)) -> i32 {
    a + b + c
}
trait Add {
    fn add(&self, a: i32, arg2: (i32, i32)) -> i32;
}
impl<T> Add for T {
    fn add(&self, a: i32, arg2: (i32, i32)) -> i32 {
        add(a, arg2)
    }
}
