// LeakSanitizer's suppressions for the test programs of the sanitizer build (cmake/covalue.cmake
// links this file into each): fontconfig, reached through cairo when text is drawn, keeps its
// configuration caches for the life of the process by design, and they are not covalue's leaks.
extern "C" const char* __lsan_default_suppressions();

extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }
