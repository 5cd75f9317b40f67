// RAII ownership of HDF5 identifiers (hid_t) and of HDF5's automatic error printing.
// Private to the output layer and its tests: this header includes <hdf5.h>, run_file.hpp does not.
#pragma once

#include <hdf5.h>

#include <utility>

namespace fupin::output::detail {

// Owns one hid_t and closes it with the matching H5?close function. Move-only.
class H5Handle {
 public:
  using Closer = herr_t (*)(hid_t);

  H5Handle() = default;
  H5Handle(hid_t id, Closer closer) noexcept : id_(id), close_(closer) {}
  H5Handle(const H5Handle&) = delete;
  H5Handle& operator=(const H5Handle&) = delete;
  H5Handle(H5Handle&& other) noexcept
      : id_(std::exchange(other.id_, H5I_INVALID_HID)), close_(other.close_) {}
  H5Handle& operator=(H5Handle&& other) noexcept {
    if (this != &other) {
      reset();
      id_ = std::exchange(other.id_, H5I_INVALID_HID);
      close_ = other.close_;
    }
    return *this;
  }
  ~H5Handle() { reset(); }

  [[nodiscard]] hid_t get() const { return id_; }
  [[nodiscard]] bool valid() const { return id_ >= 0; }

  // Closes now and returns the close function's status. Use it where closing can fail in a way
  // that matters (closing a file flushes it); the destructor has to ignore the status.
  herr_t close() {
    herr_t status = 0;
    if (id_ >= 0) {
      status = close_(id_);
      id_ = H5I_INVALID_HID;
    }
    return status;
  }

  void reset() noexcept {
    if (id_ >= 0) close_(id_);
    id_ = H5I_INVALID_HID;
  }

 private:
  hid_t id_ = H5I_INVALID_HID;
  Closer close_ = nullptr;
};

inline H5Handle file_handle(hid_t id) { return {id, &H5Fclose}; }
inline H5Handle group_handle(hid_t id) { return {id, &H5Gclose}; }
inline H5Handle dataset_handle(hid_t id) { return {id, &H5Dclose}; }
inline H5Handle dataspace_handle(hid_t id) { return {id, &H5Sclose}; }
inline H5Handle datatype_handle(hid_t id) { return {id, &H5Tclose}; }
inline H5Handle attribute_handle(hid_t id) { return {id, &H5Aclose}; }
inline H5Handle plist_handle(hid_t id) { return {id, &H5Pclose}; }
inline H5Handle object_handle(hid_t id) { return {id, &H5Oclose}; }

// Turns off HDF5's automatic printing of its error stack for the calling thread while alive, and
// restores whatever handler was installed before.
class ErrorPrintingOff {
 public:
  ErrorPrintingOff() {
    if (H5Eget_auto2(H5E_DEFAULT, &func_, &data_) < 0) {
      func_ = nullptr;
      data_ = nullptr;
    }
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  }
  ErrorPrintingOff(const ErrorPrintingOff&) = delete;
  ErrorPrintingOff& operator=(const ErrorPrintingOff&) = delete;
  ~ErrorPrintingOff() { H5Eset_auto2(H5E_DEFAULT, func_, data_); }

 private:
  H5E_auto2_t func_ = nullptr;
  void* data_ = nullptr;
};

}  // namespace fupin::output::detail
