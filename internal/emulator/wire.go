package emulator

import (
	"reflect"
	"strings"
)

// wireForm is the form in which the API sends a catalog image type, derived from that type so a field added to
// the catalog is served without an edit here: every field under its JSON name, always present (a nil list is
// sent as [], never null), except fields tagged wire:"-" (catalog only, never sent) and the field tagged
// wire:"requested", sent only when the request asks for it.
type wireForm struct {
	typ       reflect.Type
	source    []int // source[i] is the catalog field behind field i of typ
	requested int   // the field of typ sent only on request, or -1
}

var (
	uhostWire = deriveWire(reflect.TypeFor[UHostImage]())
	phostWire = deriveWire(reflect.TypeFor[PHostImage]())
	bmcWire   = deriveWire(reflect.TypeFor[BMCImage]())
)

func deriveWire(catalogType reflect.Type) wireForm {
	form := wireForm{requested: -1}
	var fields []reflect.StructField
	for i := range catalogType.NumField() {
		field := catalogType.Field(i)
		use := field.Tag.Get("wire")
		if use == "-" {
			continue
		}
		name, _, _ := strings.Cut(field.Tag.Get("json"), ",")
		wire := reflect.StructField{Name: field.Name, Type: field.Type, Tag: reflect.StructTag(`json:"` + name + `"`)}
		if use == "requested" {
			form.requested = len(fields)
			wire.Type = reflect.PointerTo(field.Type)
			wire.Tag = reflect.StructTag(`json:"` + name + `,omitempty"`)
		}
		fields = append(fields, wire)
		form.source = append(form.source, i)
	}
	form.typ = reflect.StructOf(fields)
	return form
}

// of returns img (a value of the catalog type the form was derived from) as the API sends it.
func (w wireForm) of(img any, requested bool) any {
	from := reflect.ValueOf(img)
	out := reflect.New(w.typ).Elem()
	for i, source := range w.source {
		value := from.Field(source)
		if value.Kind() == reflect.Slice && value.IsNil() {
			value = reflect.MakeSlice(value.Type(), 0, 0)
		}
		if i != w.requested {
			out.Field(i).Set(value)
		} else if requested {
			pointer := reflect.New(value.Type())
			pointer.Elem().Set(value)
			out.Field(i).Set(pointer)
		}
	}
	return out.Interface()
}
