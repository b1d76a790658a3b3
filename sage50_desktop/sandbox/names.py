"""Word lists of the data generator: Spanish names, places, categories and brands."""

from __future__ import annotations

import unicodedata


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return folded.lower().replace(" ", "").replace("'", "")


def _pairs(words: str) -> tuple[tuple[str, str], ...]:
    return tuple((w, _ascii(w)) for w in words.split(","))


FIRST_NAMES = _pairs(
    "Antonio,José,Manuel,Francisco,David,Juan,Javier,Daniel,Carlos,Jesús,Alejandro,Miguel,"
    "Rafael,Pablo,Sergio,Fernando,Jorge,Luis,Alberto,Álvaro,Adrián,Diego,Raúl,Iván,Rubén,"
    "Óscar,Andrés,Joaquín,Santiago,Íñigo,María,Carmen,Ana,Isabel,Laura,Cristina,Marta,"
    "Lucía,Pilar,Elena,Sara,Paula,Raquel,Rocío,Beatriz,Nuria,Silvia,Irene,Patricia,Andrea,"
    "Alba,Claudia,Noelia,Mónica,Sonia,Ainhoa,Begoña,Montserrat,Nerea,Inés"
)
SURNAMES = _pairs(
    "García,Rodríguez,González,Fernández,López,Martínez,Sánchez,Pérez,Gómez,Martín,Jiménez,"
    "Ruiz,Hernández,Díaz,Moreno,Muñoz,Álvarez,Romero,Alonso,Gutiérrez,Navarro,Torres,"
    "Domínguez,Vázquez,Ramos,Gil,Ramírez,Serrano,Blanco,Molina,Morales,Suárez,Ortega,"
    "Delgado,Castro,Ortiz,Rubio,Marín,Sanz,Núñez,Iglesias,Medina,Garrido,Cortés,Castillo,"
    "Santos,Lozano,Guerrero,Cano,Prieto,Méndez,Cruz,Calvo,Gallego,Vidal,León,Márquez,"
    "Herrera,Peña,Flores,Cabrera,Campos,Vega,Fuentes,Carrasco,Diez,Caballero,Reyes,Nieto,"
    "Aguilar,Pascual,Santana,Herrero,Lorenzo,Montero,Hidalgo,Giménez,Ibáñez,Ferrer,Durán,"
    "Santiago,Benítez,Mora,Vicente,Vargas,Arias,Carmona,Crespo,Román,Pastor,Soto,Sáez,"
    "Velasco,Moya,Soler,Parra,Esteban,Bravo,Gallardo,Rojas,Etxeberria,Goikoetxea"
)
DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"
MAIL_DOMAINS = (
    "gmail.com",
    "hotmail.es",
    "yahoo.es",
    "outlook.es",
    "telefonica.net",
    "icloud.com",
    "protonmail.com",
    "movistar.es",
)
# (city, province, autonomous community, postcode prefix, landline prefix)
CITIES = (
    ("Madrid", "Madrid", "Comunidad de Madrid", "28", "91"),
    ("Alcalá de Henares", "Madrid", "Comunidad de Madrid", "28", "91"),
    ("Móstoles", "Madrid", "Comunidad de Madrid", "28", "91"),
    ("Barcelona", "Barcelona", "Cataluña", "08", "93"),
    ("L'Hospitalet de Llobregat", "Barcelona", "Cataluña", "08", "93"),
    ("Sabadell", "Barcelona", "Cataluña", "08", "93"),
    ("Girona", "Girona", "Cataluña", "17", "972"),
    ("Tarragona", "Tarragona", "Cataluña", "43", "977"),
    ("Lleida", "Lleida", "Cataluña", "25", "973"),
    ("Valencia", "Valencia", "Comunitat Valenciana", "46", "96"),
    ("Alicante", "Alicante", "Comunitat Valenciana", "03", "965"),
    ("Elche", "Alicante", "Comunitat Valenciana", "03", "965"),
    ("Castellón de la Plana", "Castellón", "Comunitat Valenciana", "12", "964"),
    ("Sevilla", "Sevilla", "Andalucía", "41", "95"),
    ("Málaga", "Málaga", "Andalucía", "29", "952"),
    ("Córdoba", "Córdoba", "Andalucía", "14", "957"),
    ("Granada", "Granada", "Andalucía", "18", "958"),
    ("Almería", "Almería", "Andalucía", "04", "950"),
    ("Cádiz", "Cádiz", "Andalucía", "11", "956"),
    ("Jerez de la Frontera", "Cádiz", "Andalucía", "11", "956"),
    ("Huelva", "Huelva", "Andalucía", "21", "959"),
    ("Jaén", "Jaén", "Andalucía", "23", "953"),
    ("Zaragoza", "Zaragoza", "Aragón", "50", "976"),
    ("Huesca", "Huesca", "Aragón", "22", "974"),
    ("Bilbao", "Bizkaia", "País Vasco", "48", "94"),
    ("Vitoria-Gasteiz", "Araba/Álava", "País Vasco", "01", "945"),
    ("Donostia-San Sebastián", "Gipuzkoa", "País Vasco", "20", "943"),
    ("Pamplona", "Navarra", "Comunidad Foral de Navarra", "31", "948"),
    ("Logroño", "La Rioja", "La Rioja", "26", "941"),
    ("Santander", "Cantabria", "Cantabria", "39", "942"),
    ("Oviedo", "Asturias", "Principado de Asturias", "33", "985"),
    ("Gijón", "Asturias", "Principado de Asturias", "33", "985"),
    ("A Coruña", "A Coruña", "Galicia", "15", "981"),
    ("Santiago de Compostela", "A Coruña", "Galicia", "15", "981"),
    ("Vigo", "Pontevedra", "Galicia", "36", "986"),
    ("Ourense", "Ourense", "Galicia", "32", "988"),
    ("Lugo", "Lugo", "Galicia", "27", "982"),
    ("Valladolid", "Valladolid", "Castilla y León", "47", "983"),
    ("Burgos", "Burgos", "Castilla y León", "09", "947"),
    ("Salamanca", "Salamanca", "Castilla y León", "37", "923"),
    ("León", "León", "Castilla y León", "24", "987"),
    ("Toledo", "Toledo", "Castilla-La Mancha", "45", "925"),
    ("Albacete", "Albacete", "Castilla-La Mancha", "02", "967"),
    ("Ciudad Real", "Ciudad Real", "Castilla-La Mancha", "13", "926"),
    ("Badajoz", "Badajoz", "Extremadura", "06", "924"),
    ("Cáceres", "Cáceres", "Extremadura", "10", "927"),
    ("Murcia", "Murcia", "Región de Murcia", "30", "968"),
    ("Cartagena", "Murcia", "Región de Murcia", "30", "968"),
    ("Palma", "Illes Balears", "Illes Balears", "07", "971"),
    ("Las Palmas de Gran Canaria", "Las Palmas", "Canarias", "35", "928"),
    ("Santa Cruz de Tenerife", "Santa Cruz de Tenerife", "Canarias", "38", "922"),
)
STREET_TYPES = ("Calle", "Calle", "Calle", "Avenida", "Plaza", "Paseo", "Camino", "Ronda")
STREETS = (
    "Mayor",
    "de Alcalá",
    "Gran Vía",
    "del Sol",
    "de la Constitución",
    "Real",
    "Nueva",
    "de Cervantes",
    "de Goya",
    "de Velázquez",
    "del Carmen",
    "San Antonio",
    "Santa María",
    "de la Paz",
    "de Andalucía",
    "de Castilla",
    "del Mar",
    "de los Olivos",
    "de las Flores",
    "Doctor Fleming",
    "Blasco Ibáñez",
    "Antonio Machado",
    "Federico García Lorca",
    "Miguel de Unamuno",
    "Rosalía de Castro",
    "de la Estación",
    "del Puerto",
    "de la Iglesia",
    "Ramón y Cajal",
    "Juan Carlos I",
    "de Colón",
    "Pintor Sorolla",
    "de Toledo",
    "de Valencia",
    "de Aragón",
    "de la Libertad",
    "Severo Ochoa",
    "de Extremadura",
)
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
ADJECTIVES = (
    "profesional",
    "clásico",
    "compacto",
    "premium",
    "ecológico",
    "ergonómico",
    "ligero",
    "resistente",
    "de diseño",
    "multiusos",
    "plegable",
    "recargable",
)
COLORS = (
    "negro",
    "blanco",
    "rojo",
    "azul marino",
    "gris antracita",
    "verde oliva",
    "beige",
    "plata",
    "naranja",
    "turquesa",
    "madera natural",
    "burdeos",
)
MATERIALS = (
    "acero inoxidable",
    "aluminio",
    "madera de haya",
    "bambú",
    "algodón orgánico",
    "plástico reciclado",
    "vidrio templado",
    "cerámica",
    "silicona alimentaria",
    "cuero",
    "poliéster",
    "hierro fundido",
)
USES = (
    "el uso diario en casa",
    "profesionales exigentes",
    "regalar",
    "la cocina moderna",
    "espacios pequeños",
    "toda la familia",
    "el exterior",
    "la oficina",
)
DISCOUNTS = (0, 0, 0, 0, 5, 10, 15, 20)
# (category path, product nouns, brands, min price, max price, VAT %)
CATEGORIES = (
    (
        "Hogar/Cocina/Cuchillos",
        (
            "Cuchillo cebollero",
            "Cuchillo de pan",
            "Juego de cuchillos",
            "Cuchillo santoku",
            "Afilador",
        ),
        ("Arcos", "3 Claveles", "Bra"),
        8,
        120,
        21,
    ),
    (
        "Hogar/Cocina/Sartenes",
        ("Sartén", "Juego de sartenes", "Paellera", "Wok", "Cazo"),
        ("Bra", "Castey", "Magefesa", "Monix"),
        12,
        150,
        21,
    ),
    (
        "Hogar/Cocina/Pequeño electrodoméstico",
        ("Batidora de vaso", "Cafetera", "Tostadora", "Freidora de aire", "Hervidor"),
        ("Taurus", "Cecotec", "Orbegozo", "Jata"),
        15,
        300,
        21,
    ),
    (
        "Hogar/Textil/Ropa de cama",
        ("Juego de sábanas", "Edredón nórdico", "Almohada", "Funda nórdica", "Manta"),
        ("Pikolin", "Reig Martí", "Burrito Blanco"),
        15,
        180,
        21,
    ),
    (
        "Hogar/Baño/Toallas",
        ("Toalla de lavabo", "Toalla de ducha", "Albornoz", "Alfombra de baño"),
        ("Burrito Blanco", "Sancarlos", "Reig Martí"),
        6,
        90,
        21,
    ),
    (
        "Hogar/Decoración/Iluminación",
        ("Lámpara de mesa", "Lámpara de pie", "Aplique", "Guirnalda LED", "Plafón"),
        ("Faro", "Leds-C4", "Marset"),
        18,
        400,
        21,
    ),
    (
        "Jardín/Herramientas/Poda",
        ("Tijera de podar", "Serrucho de poda", "Cortasetos", "Rastrillo"),
        ("Bellota", "Palisad", "Gardena"),
        9,
        160,
        21,
    ),
    (
        "Jardín/Riego/Mangueras",
        ("Manguera extensible", "Pistola de riego", "Aspersor", "Programador de riego"),
        ("Gardena", "Aqua Control", "Claber"),
        7,
        140,
        21,
    ),
    (
        "Bricolaje/Herramientas eléctricas/Taladros",
        ("Taladro percutor", "Atornillador", "Martillo perforador"),
        ("Bosch", "Makita", "Black+Decker", "Einhell"),
        35,
        380,
        21,
    ),
    (
        "Bricolaje/Ferretería/Tornillería",
        ("Caja de tornillos", "Juego de tacos", "Surtido de arandelas"),
        ("Fischer", "Wolfpack"),
        3,
        40,
        21,
    ),
    (
        "Deporte/Ciclismo/Accesorios",
        ("Casco de ciclismo", "Luz trasera", "Bomba de aire", "Candado de bicicleta", "Bidón"),
        ("Orbea", "BH", "Zefal"),
        6,
        150,
        21,
    ),
    (
        "Deporte/Fitness/Pesas",
        ("Juego de mancuernas", "Kettlebell", "Esterilla de yoga", "Banda elástica"),
        ("Domyos", "Boomfit", "Sveltus"),
        8,
        220,
        21,
    ),
    (
        "Moda/Calzado/Zapatillas",
        ("Zapatillas urbanas", "Zapatillas de running", "Alpargatas", "Botines"),
        ("Munich", "Joma", "Victoria", "Pikolinos"),
        25,
        160,
        21,
    ),
    (
        "Moda/Complementos/Bolsos",
        ("Bolso bandolera", "Mochila", "Cartera", "Riñonera"),
        ("Misako", "Bimba y Lola", "Abbacino"),
        15,
        190,
        21,
    ),
    (
        "Electrónica/Audio/Auriculares",
        ("Auriculares inalámbricos", "Altavoz Bluetooth", "Barra de sonido"),
        ("Energy Sistem", "SPC", "Sunstech"),
        12,
        250,
        21,
    ),
    (
        "Electrónica/Informática/Accesorios",
        ("Ratón inalámbrico", "Teclado", "Hub USB-C", "Soporte para portátil"),
        ("NGS", "Woxter", "Tacens"),
        8,
        120,
        21,
    ),
    (
        "Alimentación/Despensa/Aceites",
        ("Aceite de oliva virgen extra", "Aceite de girasol", "Vinagre de Jerez"),
        ("Carbonell", "La Española", "Borges"),
        3,
        45,
        4,
    ),
    (
        "Alimentación/Despensa/Conservas",
        ("Bonito del norte", "Mejillones en escabeche", "Pimientos del piquillo", "Espárragos"),
        ("Ortiz", "Cuca", "Albo", "Dani"),
        2,
        25,
        10,
    ),
    (
        "Alimentación/Bebidas/Café",
        ("Café molido", "Café en grano", "Cápsulas de café"),
        ("Saimaza", "Marcilla", "Baqué"),
        3,
        30,
        10,
    ),
    (
        "Libros/Cocina/Recetarios",
        ("Libro de recetas", "Guía de vinos", "Libro de repostería"),
        ("Planeta", "Anaya", "Salvat"),
        10,
        45,
        4,
    ),
)
